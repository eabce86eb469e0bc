using global::Hangfire;
using Rota.Benchmarks.Measure;

namespace Rota.Benchmarks.Systems.Hangfire;

/// <summary>Throughput on Hangfire/InMemory: <c>BackgroundJob.Enqueue</c> one job at a time (Hangfire has no bulk
/// enqueue), then a <see cref="BackgroundJobServer"/> with WorkerCount = workers. Drained = succeeded count reached.</summary>
internal sealed class HangfireThroughputTarget(JobStorage storage, int workers, PgDatabase? pg = null) : IThroughputTarget
{
    private BackgroundJobServer? _server;
    private long _enqueued;

    public static Task<HangfireThroughputTarget> CreateAsync(int workers) =>
        Task.FromResult(new HangfireThroughputTarget(HangfireStorageSetup.UseInMemory(), workers));

    public Task EnqueueAsync(int jobs, int batch)
    {
        var client = new BackgroundJobClient(storage);
        for (var i = 0; i < jobs; i++) client.Enqueue(() => HangfireJobs.Noop());
        _enqueued += jobs;
        return Task.CompletedTask;
    }

    public Task StartAsync()
    {
        _server = HangfireStorageSetup.StartServer(workers);
        return Task.CompletedTask;
    }

    /// <summary>Hangfire.PostgreSql; drained is read from its job table (index on statename) by the harness's
    /// monitor connection, once every job has run in this process, so the monitoring API's queries stay out of the
    /// commit count.</summary>
    public static Task<HangfireThroughputTarget> CreatePostgresAsync(PgDatabase pg, int workers) =>
        Task.FromResult(new HangfireThroughputTarget(HangfireStorageSetup.UsePostgres(pg.ConnectionString), workers, pg));

    public async Task<bool> IsDrainedAsync()
    {
        if (pg is not null)
            return HangfireJobs.Executed >= _enqueued
                && await pg.ScalarAsync("SELECT count(*) FROM hangfire.job WHERE statename = 'Succeeded'") >= _enqueued;
        var monitoring = storage.GetMonitoringApi();
        return monitoring.SucceededListCount() + monitoring.FailedCount() >= _enqueued;
    }

    public Task<long> CompletedAsync() => pg is not null
        ? pg.ScalarAsync("SELECT count(*) FROM hangfire.job WHERE statename = 'Succeeded'")
        : Task.FromResult(storage.GetMonitoringApi().SucceededListCount());

    public ValueTask DisposeAsync()
    {
        _server?.Dispose();
        _server = null;
        return ValueTask.CompletedTask;
    }
}
