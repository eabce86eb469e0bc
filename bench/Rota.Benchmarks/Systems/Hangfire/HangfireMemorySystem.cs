using Rota.Benchmarks.Measure;

namespace Rota.Benchmarks.Systems.Hangfire;

/// <summary>Hangfire with its in-memory storage (not durable: an upper bound for Hangfire, not a like-for-like store).</summary>
internal sealed class HangfireMemorySystem : IBenchSystem
{
    public string Name => SystemCatalog.HangfireMemory;

    public async Task<IThroughputTarget> CreateThroughputAsync(BenchPlace place, int workers) =>
        await HangfireThroughputTarget.CreateAsync(workers);

    public async Task<IScheduleTarget> CreateSchedulesAsync(BenchPlace place, int workers, ScheduleKind kind, int count, FireRecorder recorder) =>
        await HangfireScheduleTarget.CreateAsync(workers, kind, count);
}
