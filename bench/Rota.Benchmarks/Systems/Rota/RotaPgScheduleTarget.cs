using Rota.Benchmarks.Measure;

namespace Rota.Benchmarks.Systems.Rota;

/// <summary>Recurring schedules on Rota/PostgreSQL, on one node or a <see cref="RotaCluster"/> (the leader fires
/// them, every node runs them).</summary>
internal sealed class RotaPgScheduleTarget(RotaCluster cluster) : IScheduleTarget
{
    public static async Task<RotaPgScheduleTarget> CreateAsync(BenchPlace place, int workers, int nodes, ScheduleKind kind, int count, FireRecorder recorder) =>
        new(await RotaCluster.CreateAsync(place, workers, nodes, recorder, host => RotaScheduleTarget.ApplyAsync(host.Client, kind, count)));

    public Task StartAsync() => cluster.StartAsync();

    public TimeSpan HelperCpu => cluster.OthersCpu;

    public Task CollectFiresAsync() => cluster.CollectFiresAsync();

    public ValueTask DisposeAsync() => cluster.DisposeAsync();
}
