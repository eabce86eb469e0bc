using Rota.Benchmarks.Measure;

namespace Rota.Benchmarks.Systems.Rota;

/// <summary>
/// Rota on a benchmark's PostgreSQL database: the engine of this process (node <c>bench-1</c>, through which the
/// scenario defines and enqueues its work) and, with <c>--nodes N</c>, N − 1 more engines in processes of their own.
/// </summary>
internal sealed class RotaCluster : IAsyncDisposable
{
    private readonly List<RotaNodeProcess> _others;
    private readonly FireRecorder _recorder;

    private RotaCluster(RotaHost host, List<RotaNodeProcess> others, FireRecorder recorder)
    {
        Host = host;
        _others = others;
        _recorder = recorder;
    }

    public RotaHost Host { get; }

    /// <summary>The benchmark queue's cluster-wide concurrency: the largest the API accepts.</summary>
    public const int UnboundQueueConcurrency = 10_000;

    /// <summary>Builds every node; <paramref name="setup"/> defines the work (through this process's node) before the
    /// others start up, so only this node applies migrations.</summary>
    public static async Task<RotaCluster> CreateAsync(BenchPlace place, int workers, int nodes, FireRecorder recorder, Func<RotaHost, Task> setup)
    {
        var cs = place.Postgres.ConnectionString;
        var host = RotaHost.BuildPostgres(cs, "bench-1", workers, recorder);
        await setup(host);
        // Each node executes `workers` runs at once (its local slots). The queue's cluster-wide limit is set so high
        // that it never binds (the peers have no such limit): a limit near the slots' total would keep every node from
        // claiming ahead, as buffered runs count against it.
        await host.Store.QueueUpsert(new global::Rota.Storage.QueueUpsertParams("default", UnboundQueueConcurrency));
        var others = new List<RotaNodeProcess>();
        for (var i = 2; i <= nodes; i++) others.Add(await RotaNodeProcess.LaunchAsync(cs, $"bench-{i}", workers, place.Directory));
        return new RotaCluster(host, others, recorder);
    }

    public TimeSpan OthersCpu => _others.Aggregate(TimeSpan.Zero, (sum, n) => sum + n.Cpu);

    public async Task StartAsync()
    {
        await Task.WhenAll(_others.Select(n => n.StartAsync()));
        await Host.StartAsync();
    }

    /// <summary>Stops the other nodes and adds the fires they recorded to this process's recorder.</summary>
    public async Task CollectFiresAsync()
    {
        foreach (var node in _others)
            foreach (var f in await node.StopAsync()) _recorder.Record(f.Key, f.Nominal, f.Actual);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var node in _others) await node.DisposeAsync();
        await Host.DisposeAsync();
    }
}
