using Rota.Benchmarks.Measure;

namespace Rota.Benchmarks.Systems.Bare;

/// <summary>No scheduler at all: the harness's child process idling. The floor that every system's idle CPU, RSS
/// and thread count include (the .NET runtime, the harness, Microsoft.Data.Sqlite is not even loaded).</summary>
internal sealed class BareSystem : IBenchSystem
{
    public string Name => SystemCatalog.Bare;

    public Task<IThroughputTarget> CreateThroughputAsync(BenchPlace place, int workers) =>
        throw new NotSupportedException("bare: only the idle scenario is supported");

    public Task<IScheduleTarget> CreateSchedulesAsync(BenchPlace place, int workers, ScheduleKind kind, int count, FireRecorder recorder) =>
        Task.FromResult<IScheduleTarget>(new Idle());

    private sealed class Idle : IScheduleTarget
    {
        public Task StartAsync() => Task.CompletedTask;

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
