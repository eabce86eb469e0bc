using System.Text.Json.Nodes;
using Rota.Benchmarks.Measure;
using Rota.Tasks;

namespace Rota.Benchmarks.Systems.Rota;

/// <summary>Throughput on Rota/PostgreSQL, on one node or a <see cref="RotaCluster"/>: the same task and enqueue as
/// <see cref="RotaThroughputTarget"/>; drained is read from the database by the harness's monitor connection.</summary>
internal sealed class RotaPgThroughputTarget(RotaCluster cluster, PgDatabase pg) : IThroughputTarget
{
    private const string TaskName = "bench-noop";
    private const string Pending =
        "SELECT (EXISTS (SELECT 1 FROM rota.rota_runs WHERE status IN ('scheduled', 'available')) OR EXISTS (SELECT 1 FROM rota.rota_runs WHERE status = 'running'))::int";

    public static async Task<RotaPgThroughputTarget> CreateAsync(BenchPlace place, int workers, int nodes)
    {
        var cluster = await RotaCluster.CreateAsync(place, workers, nodes, FireRecorder.Shared, host =>
            host.Client.ApplyAsync(new TaskDefinition { Name = TaskName, Handler = "noop", Overlap = new OverlapPolicy(OverlapKind.AllowAll) }));
        return new RotaPgThroughputTarget(cluster, place.Postgres);
    }

    public async Task EnqueueAsync(int jobs, int batch)
    {
        var chunk = new JsonObject?[Math.Min(batch, jobs)];
        for (var done = 0; done < jobs; done += chunk.Length)
        {
            var n = Math.Min(chunk.Length, jobs - done);
            await cluster.Host.Client.EnqueueManyAsync(TaskName, n == chunk.Length ? chunk : chunk[..n], triggeredBy: "bench");
        }
    }

    public Task StartAsync() => cluster.StartAsync();

    public async Task<bool> IsDrainedAsync() => await pg.ScalarAsync(Pending) == 0;

    public Task<long> CompletedAsync() => pg.ScalarAsync("SELECT count(*) FROM rota.rota_runs WHERE status = 'succeeded'");

    public TimeSpan HelperCpu => cluster.OthersCpu;

    public ValueTask DisposeAsync() => cluster.DisposeAsync();
}
