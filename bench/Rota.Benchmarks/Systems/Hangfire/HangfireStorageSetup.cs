using global::Hangfire;
using global::Hangfire.InMemory;

namespace Rota.Benchmarks.Systems.Hangfire;

/// <summary>Points Hangfire's global configuration at a new in-memory storage (one per child process).</summary>
internal static class HangfireStorageSetup
{
    public static JobStorage UseInMemory()
    {
        GlobalConfiguration.Configuration
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UseInMemoryStorage(new InMemoryStorageOptions());
        return JobStorage.Current;
    }

    public static BackgroundJobServer StartServer(int workers) =>
        new(new BackgroundJobServerOptions { WorkerCount = workers, ServerName = "bench" });
}
