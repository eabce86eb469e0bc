using Rota.Benchmarks.Measure;

namespace Rota.Benchmarks.Systems.Rota;

/// <summary>Rota's engine over its embedded SQLite store, as a .NET library user hosts it.</summary>
internal sealed class RotaSystem : IBenchSystem
{
    public string Name => SystemCatalog.Rota;

    public async Task<IThroughputTarget> CreateThroughputAsync(BenchPlace place, int workers) =>
        await RotaThroughputTarget.CreateAsync(place.Directory, workers);

    public async Task<IScheduleTarget> CreateSchedulesAsync(BenchPlace place, int workers, ScheduleKind kind, int count, FireRecorder recorder) =>
        await RotaScheduleTarget.CreateAsync(place.Directory, workers, kind, count, recorder);
}
