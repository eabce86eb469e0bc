using Rota.Benchmarks.Measure;

namespace Rota.Benchmarks.Systems.Rota;

/// <summary>Rota on PostgreSQL (<c>UsePostgres</c>, schema <c>rota</c> in a fresh database per run), with
/// <paramref name="nodes"/> engines in as many processes.</summary>
internal sealed class RotaPgSystem(int nodes) : IBenchSystem
{
    public string Name => SystemCatalog.RotaPg;

    public bool UsesPostgres => true;

    public int Nodes => nodes;

    public async Task<IThroughputTarget> CreateThroughputAsync(BenchPlace place, int workers) =>
        await RotaPgThroughputTarget.CreateAsync(place, workers, nodes);

    public async Task<IScheduleTarget> CreateSchedulesAsync(BenchPlace place, int workers, ScheduleKind kind, int count, FireRecorder recorder) =>
        await RotaPgScheduleTarget.CreateAsync(place, workers, nodes, kind, count, recorder);
}
