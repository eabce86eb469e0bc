using global::Hangfire;

namespace Rota.Benchmarks.Systems.Hangfire;

/// <summary>Throughput on Hangfire/InMemory: <c>BackgroundJob.Enqueue</c> one job at a time (Hangfire has no bulk
/// enqueue), then a <see cref="BackgroundJobServer"/> with WorkerCount = workers. Drained = succeeded count reached.</summary>
internal sealed class HangfireThroughputTarget(JobStorage storage, int workers) : IThroughputTarget
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

    public Task<bool> IsDrainedAsync()
    {
        var monitoring = storage.GetMonitoringApi();
        return Task.FromResult(monitoring.SucceededListCount() + monitoring.FailedCount() >= _enqueued);
    }

    public Task<long> CompletedAsync() => Task.FromResult(storage.GetMonitoringApi().SucceededListCount());

    public ValueTask DisposeAsync()
    {
        _server?.Dispose();
        return ValueTask.CompletedTask;
    }
}
