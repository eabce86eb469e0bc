using System.Globalization;
using Quartz;
using Rota.Benchmarks.Measure;

namespace Rota.Benchmarks.Systems.Quartz;

/// <summary>Recurring schedules on Quartz/SQLite: one job + cron trigger per schedule (default misfire handling,
/// concurrent execution allowed), scheduled in standby.</summary>
internal sealed class QuartzScheduleTarget(IScheduler scheduler) : IScheduleTarget
{
    public static async Task<QuartzScheduleTarget> CreateAsync(string directory, int workers, ScheduleKind kind, int count, string journal)
    {
        var scheduler = await QuartzSchedulerFactory.CreateAsync(Path.Combine(directory, "quartz.db"), workers, journal);
        await DefineAsync(scheduler, kind, count);
        return new QuartzScheduleTarget(scheduler);
    }

    /// <summary>The same schedules on Quartz/PostgreSQL.</summary>
    public static async Task<QuartzScheduleTarget> CreatePostgresAsync(PgDatabase pg, int workers, ScheduleKind kind, int count)
    {
        var scheduler = await QuartzSchedulerFactory.CreatePostgresAsync(pg.ConnectionString, workers);
        await DefineAsync(scheduler, kind, count);
        return new QuartzScheduleTarget(scheduler);
    }

    private static async Task DefineAsync(IScheduler scheduler, ScheduleKind kind, int count)
    {
        var cron = kind == ScheduleKind.EverySecond
            ? "* * * * * ?"
            : string.Create(CultureInfo.InvariantCulture, $"0 0 0 1 {ScheduleKeys.FarMonth()} ?");
        foreach (var key in ScheduleKeys.All(count))
        {
            var job = JobBuilder.Create<QuartzRecordingJob>().WithIdentity(key, "bench").Build();
            var trigger = TriggerBuilder.Create().WithIdentity(key, "bench").ForJob(job)
                .WithCronSchedule(cron, c => c.InTimeZone(TimeZoneInfo.Utc)).Build();
            await scheduler.ScheduleJob(job, trigger);
        }
    }

    public Task StartAsync() => scheduler.Start().AsTask();

    public async ValueTask DisposeAsync() => await scheduler.Shutdown(waitForJobsToComplete: true);
}
