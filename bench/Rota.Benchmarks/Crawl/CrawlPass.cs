namespace Rota.Benchmarks.Crawl;

/// <summary>One crawl pass over every source: wall time, what the crawler reported, what the server answered, peak RSS.</summary>
internal sealed record CrawlPass(string Name, double Seconds, int Sources, int Successful, int Failed, int Partial,
    int ItemsNew, long Served200, long Served304, double PeakRssMiB)
{
    public double FeedsPerSecond => Sources / Seconds;
}
