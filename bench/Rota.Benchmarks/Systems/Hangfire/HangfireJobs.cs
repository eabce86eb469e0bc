using Rota.Benchmarks.Measure;

namespace Rota.Benchmarks.Systems.Hangfire;

/// <summary>Hangfire job methods (Hangfire invokes public methods only).</summary>
public static class HangfireJobs
{
    private static long _executed;

    /// <summary>Noop calls so far (the PostgreSQL target reads the store only once this reaches the job count).</summary>
    public static long Executed => Interlocked.Read(ref _executed);

    public static void Noop() => Interlocked.Increment(ref _executed);

    /// <summary>Recurring jobs of the idle scenario; any call is a fire that should not have happened.</summary>
    public static void Record(string key)
    {
        var now = TimeProvider.System.GetUtcNow();
        FireRecorder.Shared.Record(key, now, now);
    }
}
