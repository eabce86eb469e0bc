using Rota.Benchmarks.Measure;

namespace Rota.Benchmarks.Systems.Quartz;

/// <summary>Quartz.NET's durable ADO job store on PostgreSQL (PostgreSQLDelegate, Npgsql), in the run's fresh database.</summary>
internal sealed class QuartzPgSystem : IBenchSystem
{
    public string Name => SystemCatalog.QuartzPg;

    public bool UsesPostgres => true;

    public async Task<IThroughputTarget> CreateThroughputAsync(BenchPlace place, int workers) =>
        await QuartzThroughputTarget.CreatePostgresAsync(place.Postgres, workers);

    public async Task<IScheduleTarget> CreateSchedulesAsync(BenchPlace place, int workers, ScheduleKind kind, int count, FireRecorder recorder) =>
        await QuartzScheduleTarget.CreatePostgresAsync(place.Postgres, workers, kind, count);
}
