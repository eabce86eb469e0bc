using Rota.Benchmarks.Measure;

namespace Rota.Benchmarks.Systems.Rota;

/// <summary>Rota's engine over its embedded SQLite store, as a .NET library user hosts it.</summary>
internal sealed class RotaSystem : IBenchSystem
{
    public string Name => SystemCatalog.Rota;

    public async Task<IThroughputTarget> CreateThroughputAsync(string directory, int workers) =>
        await RotaThroughputTarget.CreateAsync(directory, workers);

    public async Task<IScheduleTarget> CreateSchedulesAsync(string directory, int workers, ScheduleKind kind, int count, FireRecorder recorder) =>
        await RotaScheduleTarget.CreateAsync(directory, workers, kind, count, recorder);
}
