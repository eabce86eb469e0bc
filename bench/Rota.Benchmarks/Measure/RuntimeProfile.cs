using System.Globalization;

namespace Rota.Benchmarks.Measure;

/// <summary>With <c>ROTA_BENCH_PROFILE=1</c>: GC, allocation, lock-contention and thread-pool figures over a
/// measured window, printed to stderr (the parent shows them under the system's name).</summary>
internal sealed class RuntimeProfile
{
    private readonly int[] _gcs = [GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2)];
    private readonly long _allocated = GC.GetTotalAllocatedBytes(precise: false);
    private readonly TimeSpan _pause = GC.GetTotalPauseDuration();
    private readonly long _contention = Monitor.LockContentionCount;
    private readonly long _workItems = ThreadPool.CompletedWorkItemCount;

    public static bool Enabled => Environment.GetEnvironmentVariable("ROTA_BENCH_PROFILE") == "1";

    public static RuntimeProfile? Begin() => Enabled ? new RuntimeProfile() : null;

    /// <summary>Prints the deltas since <see cref="Begin"/>; <paramref name="perUnit"/> divides allocations (e.g. per job).</summary>
    public void End(string window, long perUnit = 0, string unit = "")
    {
        var allocated = GC.GetTotalAllocatedBytes(precise: false) - _allocated;
        var per = perUnit > 0 ? string.Create(CultureInfo.InvariantCulture, $" ({allocated / (double)perUnit:N0} B/{unit})") : "";
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"profile[{window}]: gc0={GC.CollectionCount(0) - _gcs[0]} gc1={GC.CollectionCount(1) - _gcs[1]} gc2={GC.CollectionCount(2) - _gcs[2]} " +
            $"gc-pause={(GC.GetTotalPauseDuration() - _pause).TotalMilliseconds:N0}ms allocated={allocated / 1048576.0:N1}MiB{per} " +
            $"lock-contentions={Monitor.LockContentionCount - _contention} threadpool-items={ThreadPool.CompletedWorkItemCount - _workItems} " +
            $"threadpool-threads={ThreadPool.ThreadCount} heap={GC.GetGCMemoryInfo().HeapSizeBytes / 1048576.0:N1}MiB assemblies={AppDomain.CurrentDomain.GetAssemblies().Length}"));
    }
}
