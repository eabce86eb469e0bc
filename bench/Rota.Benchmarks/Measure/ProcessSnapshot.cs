using System.Diagnostics;

namespace Rota.Benchmarks.Measure;

/// <summary>This process's CPU time, resident set and thread count at one instant, with a Stopwatch timestamp.</summary>
internal readonly record struct ProcessSnapshot(TimeSpan Cpu, long WorkingSetBytes, int Threads, long Timestamp)
{
    public static ProcessSnapshot Take()
    {
        using var p = Process.GetCurrentProcess();
        p.Refresh();
        return new ProcessSnapshot(p.TotalProcessorTime, p.WorkingSet64, p.Threads.Count, Stopwatch.GetTimestamp());
    }

    public double WorkingSetMiB => WorkingSetBytes / (1024.0 * 1024.0);

    public double CpuSecondsSince(ProcessSnapshot earlier) => (Cpu - earlier.Cpu).TotalSeconds;

    public double WallSecondsSince(ProcessSnapshot earlier) => Stopwatch.GetElapsedTime(earlier.Timestamp, Timestamp).TotalSeconds;

    /// <summary>CPU time over wall time since <paramref name="earlier"/>, in percent of one core.</summary>
    public double CpuPercentSince(ProcessSnapshot earlier) => 100.0 * CpuSecondsSince(earlier) / WallSecondsSince(earlier);
}
