namespace Rota.Benchmarks.Systems;

/// <summary>A system set up for the throughput scenario: enqueue everything, then start, then poll the store.</summary>
internal interface IThroughputTarget : IAsyncDisposable
{
    /// <summary>Enqueues <paramref name="jobs"/> no-op jobs, <paramref name="batch"/> per call where the system has a bulk API.</summary>
    Task EnqueueAsync(int jobs, int batch);

    /// <summary>Starts processing (workers, dispatcher, scheduler thread).</summary>
    Task StartAsync();

    /// <summary>True when the store records every enqueued job as completed (nothing waiting or running).</summary>
    Task<bool> IsDrainedAsync();

    /// <summary>Jobs recorded as completed successfully (a check that no job was lost or failed).</summary>
    Task<long> CompletedAsync();

    /// <summary>CPU time used so far by helper processes (the other nodes of a cluster); zero for one process.</summary>
    TimeSpan HelperCpu => TimeSpan.Zero;
}
