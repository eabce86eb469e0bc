using Rota.Benchmarks.Measure;

namespace Rota.Benchmarks.Systems.Hangfire;

/// <summary>Hangfire with Hangfire.PostgreSql 1.21 (default options) in the run's fresh database.</summary>
internal sealed class HangfirePgSystem : IBenchSystem
{
    public string Name => SystemCatalog.HangfirePg;

    public bool UsesPostgres => true;

    public async Task<IThroughputTarget> CreateThroughputAsync(BenchPlace place, int workers) =>
        await HangfireThroughputTarget.CreatePostgresAsync(place.Postgres, workers);

    public async Task<IScheduleTarget> CreateSchedulesAsync(BenchPlace place, int workers, ScheduleKind kind, int count, FireRecorder recorder) =>
        await HangfireScheduleTarget.CreateAsync(workers, kind, count, place.Postgres.ConnectionString);
}
