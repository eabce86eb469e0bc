using System.Collections.Specialized;
using System.Globalization;
using Microsoft.Extensions.Logging;
using Quartz;
using Rota.Benchmarks.Measure;

namespace Rota.Benchmarks.Systems.Quartz;

/// <summary>A Quartz scheduler on the ADO job store (LocalTransactionJobStore — 3.x JobStoreTX —, SQLiteDelegate, provider
/// <c>SQLite-Microsoft</c>, or PostgreSQLDelegate, provider <c>Npgsql</c>),
/// thread pool size = workers, otherwise default options. Returned in standby (not started).</summary>
internal static class QuartzSchedulerFactory
{
    public static async Task<IScheduler> CreateAsync(string path, int workers, string journal)
    {
        await QuartzSchema.CreateAsync(path, journal);
        return await BuildAsync(workers, "Quartz.Impl.AdoJobStore.SQLiteDelegate, Quartz", "SQLite-Microsoft", $"Data Source={path}");
    }

    /// <summary>The same scheduler on PostgreSQL (PostgreSQLDelegate, provider <c>Npgsql</c>), tables created first.</summary>
    public static async Task<IScheduler> CreatePostgresAsync(string connectionString, int workers)
    {
        await QuartzSchema.CreatePostgresAsync(connectionString);
        return await BuildAsync(workers, "Quartz.Impl.AdoJobStore.PostgreSQLDelegate, Quartz", "Npgsql", connectionString);
    }

    private static async Task<IScheduler> BuildAsync(int workers, string driverDelegate, string provider, string connectionString)
    {
        global::Quartz.Diagnostics.LogProvider.SetLogProvider(LoggerFactory.Create(b => b.AddProvider(new StderrLoggerProvider())));
        var properties = new NameValueCollection
        {
            ["quartz.scheduler.instanceName"] = "bench",
            ["quartz.scheduler.instanceId"] = "bench-1",
            ["quartz.threadPool.maxConcurrency"] = workers.ToString(CultureInfo.InvariantCulture),
            ["quartz.jobStore.type"] = "Quartz.Impl.AdoJobStore.LocalTransactionJobStore, Quartz",
            ["quartz.jobStore.driverDelegateType"] = driverDelegate,
            ["quartz.jobStore.tablePrefix"] = "QRTZ_",
            ["quartz.jobStore.dataSource"] = "default",
            ["quartz.dataSource.default.provider"] = provider,
            ["quartz.dataSource.default.connectionString"] = connectionString,
            ["quartz.serializer.type"] = "stj",
        };
        return await QuartzSchedulerBuilder.Create().UseProperties(properties).BuildScheduler();
    }
}
