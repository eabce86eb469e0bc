using Rota.Benchmarks.Measure;

namespace Rota.Benchmarks.Systems.Hangfire;

/// <summary>Hangfire job methods (Hangfire invokes public methods only).</summary>
public static class HangfireJobs
{
    public static void Noop() { }

    /// <summary>Recurring jobs of the idle scenario; any call is a fire that should not have happened.</summary>
    public static void Record(string key)
    {
        var now = TimeProvider.System.GetUtcNow();
        FireRecorder.Shared.Record(key, now, now);
    }
}
