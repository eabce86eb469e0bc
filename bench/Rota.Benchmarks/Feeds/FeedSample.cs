namespace Rota.Benchmarks.Feeds;

/// <summary>One parser over one feed set. <see cref="Bytes"/> and <see cref="Feeds"/> are per pass over the inputs
/// that were timed (for a parser that throws, only those it parsed in the warm-up); <see cref="Failures"/> counts
/// inputs that threw; <see cref="PassSeconds"/> is the median pass; <see cref="AllocatedPerFeed"/> is NaN when not
/// measured (Python); <see cref="Entries"/> is the entries found in one pass (a sanity check that the parsers
/// read the same documents); <see cref="PassCpuSeconds"/> is the median pass in CPU time of the parsing process, which
/// a machine shared with other work disturbs far less than wall time.</summary>
internal sealed record FeedSample(long Bytes, int Feeds, int Failures, double PassSeconds, double AllocatedPerFeed, long Entries, double PassCpuSeconds = double.NaN)
{
    public double MegabytesPerSecond => PassSeconds > 0 ? Bytes / 1e6 / PassSeconds : double.NaN;

    public double MegabytesPerCpuSecond => PassCpuSeconds > 0 ? Bytes / 1e6 / PassCpuSeconds : double.NaN;

    public double FeedsPerSecond => PassSeconds > 0 ? Feeds / PassSeconds : double.NaN;

    public static double Median(IReadOnlyList<double> values)
    {
        if (values.Count == 0) return double.NaN;
        var sorted = values.Order().ToArray();
        var mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
