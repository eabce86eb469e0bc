using Rota.Benchmarks.Measure;

namespace Rota.Benchmarks.Systems.Quartz;

/// <summary>Quartz.NET's durable ADO job store on SQLite (Microsoft.Data.Sqlite).</summary>
internal sealed class QuartzSqliteSystem(string journal) : IBenchSystem
{
    public string Name => SystemCatalog.QuartzSqlite;

    public async Task<IThroughputTarget> CreateThroughputAsync(BenchPlace place, int workers) =>
        await QuartzThroughputTarget.CreateAsync(place.Directory, workers, journal);

    public async Task<IScheduleTarget> CreateSchedulesAsync(BenchPlace place, int workers, ScheduleKind kind, int count, FireRecorder recorder) =>
        await QuartzScheduleTarget.CreateAsync(place.Directory, workers, kind, count, journal);
}
