using System.Text.Json.Nodes;
using Rota.Benchmarks.Measure;
using Rota.Tasks;

namespace Rota.Benchmarks.Systems.Rota;

/// <summary>Throughput on Rota: one task with the built-in <c>noop</c> handler (overlap allow_all), runs enqueued with
/// <see cref="RotaClient.EnqueueManyAsync"/>, queue concurrency = workers.</summary>
internal sealed class RotaThroughputTarget : IThroughputTarget
{
    private const string TaskName = "bench-noop";
    private const string Pending =
        "SELECT EXISTS (SELECT 1 FROM rota_runs WHERE status IN ('scheduled', 'available')) OR EXISTS (SELECT 1 FROM rota_runs WHERE status = 'running')";

    private readonly RotaHost _host;
    private readonly SqliteProbe _probe;

    private RotaThroughputTarget(RotaHost host, SqliteProbe probe)
    {
        _host = host;
        _probe = probe;
    }

    public static async Task<RotaThroughputTarget> CreateAsync(string directory, int workers)
    {
        var path = Path.Combine(directory, "rota.db");
        var host = RotaHost.Build(path, workers, FireRecorder.Shared);
        await host.Client.ApplyAsync(new TaskDefinition { Name = TaskName, Handler = "noop", Overlap = new OverlapPolicy(OverlapKind.AllowAll) });
        return new RotaThroughputTarget(host, await SqliteProbe.OpenAsync(path));
    }

    public async Task EnqueueAsync(int jobs, int batch)
    {
        var chunk = new JsonObject?[Math.Min(batch, jobs)];
        for (var done = 0; done < jobs; done += chunk.Length)
        {
            var n = Math.Min(chunk.Length, jobs - done);
            await _host.Client.EnqueueManyAsync(TaskName, n == chunk.Length ? chunk : chunk[..n], triggeredBy: "bench");
        }
    }

    public Task StartAsync() => _host.StartAsync();

    public async Task<bool> IsDrainedAsync() => await _probe.ScalarAsync(Pending) == 0;

    public Task<long> CompletedAsync() => _probe.ScalarAsync("SELECT count(*) FROM rota_runs WHERE status = 'succeeded'");

    public async ValueTask DisposeAsync()
    {
        await _probe.DisposeAsync();
        await _host.DisposeAsync();
    }
}
