using System.Globalization;
using Quartz;
using Rota.Benchmarks.Measure;

namespace Rota.Benchmarks.Systems.Quartz;

/// <summary>Throughput on Quartz/SQLite: one-shot SimpleTrigger jobs scheduled in standby (<c>ScheduleJobs</c> per
/// batch, one transaction each; <c>ScheduleJob</c> when the batch is 1), then <c>Start</c>. A one-shot trigger's rows
/// are deleted when its job completes, so "drained" = no trigger and no fired-trigger row left.</summary>
internal sealed class QuartzThroughputTarget(IScheduler scheduler, Func<string, Task<long>> probe, IAsyncDisposable? probeConnection) : IThroughputTarget
{
    private const string Pending = "SELECT (EXISTS (SELECT 1 FROM QRTZ_TRIGGERS) OR EXISTS (SELECT 1 FROM QRTZ_FIRED_TRIGGERS))";
    private bool _disposed;

    public static async Task<QuartzThroughputTarget> CreateAsync(string directory, int workers, string journal)
    {
        var path = Path.Combine(directory, "quartz.db");
        var scheduler = await QuartzSchedulerFactory.CreateAsync(path, workers, journal);
        var probe = await SqliteProbe.OpenAsync(path);
        return new QuartzThroughputTarget(scheduler, probe.ScalarAsync, probe);
    }

    /// <summary>Quartz on the run's PostgreSQL database; the harness's monitor connection polls it.</summary>
    public static async Task<QuartzThroughputTarget> CreatePostgresAsync(PgDatabase pg, int workers)
    {
        var scheduler = await QuartzSchedulerFactory.CreatePostgresAsync(pg.ConnectionString, workers);
        return new QuartzThroughputTarget(scheduler, sql => pg.ScalarAsync(sql + "::int"), null);
    }

    public async Task EnqueueAsync(int jobs, int batch)
    {
        for (var done = 0; done < jobs; done += batch)
        {
            var n = Math.Min(batch, jobs - done);
            if (n == 1)
            {
                var (job, trigger) = Build(done);
                await scheduler.ScheduleJob(job, trigger);
                continue;
            }
            var map = new Dictionary<IJobDetail, IReadOnlyCollection<ITrigger>>(n);
            for (var i = done; i < done + n; i++)
            {
                var (job, trigger) = Build(i);
                map[job] = [trigger];
            }
            await scheduler.ScheduleJobs(map);
        }
    }

    public Task StartAsync() => scheduler.Start().AsTask();

    public async Task<bool> IsDrainedAsync() => await probe(Pending) == 0;

    public Task<long> CompletedAsync() => Task.FromResult(QuartzNoopJob.Executed);

    public async ValueTask DisposeAsync()
    {
        if (_disposed) return;
        _disposed = true;
        if (probeConnection is not null) await probeConnection.DisposeAsync();
        await scheduler.Shutdown(waitForJobsToComplete: true);
    }

    private static (IJobDetail, ITrigger) Build(int i)
    {
        var id = i.ToString(CultureInfo.InvariantCulture);
        var job = JobBuilder.Create<QuartzNoopJob>().WithIdentity("job-" + id, "bench").Build();
        var trigger = TriggerBuilder.Create().WithIdentity("trigger-" + id, "bench").ForJob(job).StartNow().Build();
        return (job, trigger);
    }
}
