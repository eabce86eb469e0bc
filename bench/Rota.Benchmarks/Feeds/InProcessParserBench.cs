using System.Diagnostics;

namespace Rota.Benchmarks.Feeds;

/// <summary>
/// Times a .NET parser on this thread: one warm-up pass over every input (which also decides, when
/// <c>timeParsedOnly</c>, the inputs it can parse), then <c>repeat</c> timed passes (Stopwatch timestamps). Allocation
/// is <see cref="GC.GetAllocatedBytesForCurrentThread"/> over the timed passes, per feed parsed or attempted.
/// A parse that throws is a failure, counted, never fatal.
/// </summary>
internal static class InProcessParserBench
{
    /// <param name="parse">parses one document and returns something derived from it (its entry count) so the work is used.</param>
    public static FeedSample Run(FeedSet set, int repeat, bool timeParsedOnly, Func<byte[], int> parse)
    {
        var parsed = new List<FeedInput>(set.Inputs.Count);
        var failures = 0;
        var entries = 0L;
        foreach (var input in set.Inputs)
        {
            if (TryParse(parse, input.Bytes, ref entries)) parsed.Add(input);
            else failures++;
        }
        var timed = timeParsedOnly ? parsed : set.Inputs;
        if (timed.Count == 0) return new FeedSample(0, 0, failures, double.NaN, double.NaN, 0);

        GC.Collect();
        GC.WaitForPendingFinalizers();
        var passes = new List<double>(repeat);
        var cpuPasses = new List<double>(repeat);
        var allocated = 0L;
        var sink = 0L;
        for (var r = 0; r < repeat; r++)
        {
            var allocBefore = GC.GetAllocatedBytesForCurrentThread();
            var cpuBefore = ProcessCpuSeconds();
            var start = Stopwatch.GetTimestamp();
            foreach (var input in timed)
            {
                try { sink += parse(input.Bytes); }
                catch (Exception) { sink--; }
            }
            passes.Add(Stopwatch.GetElapsedTime(start).TotalSeconds);
            cpuPasses.Add(ProcessCpuSeconds() - cpuBefore);
            allocated += GC.GetAllocatedBytesForCurrentThread() - allocBefore;
        }
        GC.KeepAlive(sink);
        return new FeedSample(timed.Sum(i => (long)i.Bytes.Length), timed.Count, failures, FeedSample.Median(passes),
            allocated / ((double)timed.Count * repeat), entries, FeedSample.Median(cpuPasses));
    }

    /// <summary>CPU time of this process (user + system): the parsing thread, plus the GC and JIT work it causes.</summary>
    private static double ProcessCpuSeconds()
    {
        using var self = Process.GetCurrentProcess();
        return self.TotalProcessorTime.TotalSeconds;
    }

    private static bool TryParse(Func<byte[], int> parse, byte[] bytes, ref long entries)
    {
        try
        {
            entries += parse(bytes);
            return true;
        }
        catch (Exception)
        {
            return false;
        }
    }
}
