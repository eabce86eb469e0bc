using global::Hangfire;
using global::Hangfire.InMemory;
using global::Hangfire.PostgreSql;

namespace Rota.Benchmarks.Systems.Hangfire;

/// <summary>Points Hangfire's global configuration at a new storage (one per child process).</summary>
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

    /// <summary>Hangfire.PostgreSql with default options (schema <c>hangfire</c>, created on first use) in the run's database.</summary>
    public static JobStorage UsePostgres(string connectionString)
    {
        GlobalConfiguration.Configuration
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UsePostgreSqlStorage(c => c.UseNpgsqlConnection(connectionString));
        return JobStorage.Current;
    }

    public static BackgroundJobServer StartServer(int workers) =>
        new(new BackgroundJobServerOptions { WorkerCount = workers, ServerName = "bench" });
}
