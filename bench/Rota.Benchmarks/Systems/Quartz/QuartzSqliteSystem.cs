using Rota.Benchmarks.Measure;

namespace Rota.Benchmarks.Systems.Quartz;

/// <summary>Quartz.NET's durable ADO job store on SQLite (Microsoft.Data.Sqlite).</summary>
internal sealed class QuartzSqliteSystem(string journal) : IBenchSystem
{
    public string Name => SystemCatalog.QuartzSqlite;

    public async Task<IThroughputTarget> CreateThroughputAsync(string directory, int workers) =>
        await QuartzThroughputTarget.CreateAsync(directory, workers, journal);

    public async Task<IScheduleTarget> CreateSchedulesAsync(string directory, int workers, ScheduleKind kind, int count, FireRecorder recorder) =>
        await QuartzScheduleTarget.CreateAsync(directory, workers, kind, count, journal);
}
