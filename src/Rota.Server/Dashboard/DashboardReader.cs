using Rota.Runs;
using Rota.Scheduling;
using Rota.Server.Auth;
using Rota.Server.Dashboard.Models;
using Rota.Server.Endpoints;
using Rota.Storage;

namespace Rota.Server.Dashboard;

/// <summary>The dashboard's reads, always scoped like the API: a user sees only tasks they own and those tasks' runs; an
/// admin sees everything. Someone else's task or run reads as missing (the page answers 404).</summary>
public sealed class DashboardReader(IRotaStore store, TaskStatistics statistics, TimeProvider time, SlowReadCache cache)
{
    public async Task<TaskRow?> TaskAsync(Caller caller, string name, CancellationToken ct)
    {
        var task = await store.TaskGet(name, ct);
        return task is not null && caller.Owns(task.Definition.Owner) ? task : null;
    }

    public async Task<RunRecord?> RunAsync(Caller caller, long id, CancellationToken ct)
    {
        var run = await store.RunGet(id, ct);
        if (run is null || caller.IsAdmin) return run;
        var task = await store.TaskGetById(run.TaskId, ct);
        return task is not null && caller.Owns(task.Definition.Owner) ? run : null;
    }

    public Task<IReadOnlyList<TaskRow>> TasksAsync(Caller caller, CancellationToken ct) => store.TaskList(new TaskListParams(caller.OwnerScope), ct);

    public async Task<ILookup<long, ScheduleRow>> SchedulesAsync(CancellationToken ct) =>
        (await store.ScheduleList(new ScheduleListParams(), ct)).ToLookup(s => s.TaskId);

    public Task<IReadOnlyList<RunAttempt>> AttemptsAsync(long runId, CancellationToken ct) => store.RunAttemptList(runId, ct);

    public Task<IReadOnlyList<RunRecord>> RunsAsync(Caller caller, RunFilter f, CancellationToken ct) => store.RunList(new RunListParams
    {
        TaskName = f.Task, Owner = caller.OwnerScope, Status = f.Status, Trigger = f.Trigger, BeforeId = f.Cursor, Limit = f.Limit,
    }, ct);

    public Task<IReadOnlyList<QueueRow>> QueuesAsync(CancellationToken ct) => store.QueueList(ct);

    public Task<IReadOnlyList<NodeRow>> NodesAsync(CancellationToken ct) => store.NodeList(ct);

    public Task<LeaderState> LeaderAsync(CancellationToken ct) => store.LeaderGet(ct);

    public Task<IReadOnlyList<AuditRow>> AuditAsync(long? cursor, int limit, CancellationToken ct) => store.AuditList(new AuditListParams(null, null, cursor, limit), ct);

    public Task<IReadOnlyList<UserRow>> UsersAsync(CancellationToken ct) => store.UserList(ct);

    public async Task<OverviewModel> OverviewAsync(Caller caller, bool week, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var tasks = await TasksAsync(caller, ct);
        var stats = await statistics.ForAsync(tasks, ct);
        // Per-task counts by index: listing running runs scanned the whole history when none was running.
        var running = (await store.RunActiveCounts(tasks.Select(t => t.Id).ToList(), ct)).Values.Sum(a => a.Running);
        var queues = await store.QueueList(ct);
        var nodes = await store.NodeList(ct);
        var chart = week ? Days(stats) : Hours(await cache.GetAsync("hourly:" + caller.OwnerScope,
            c => store.RunHourlyCounts(new RunHourlyParams(FirstHour(now), caller.OwnerScope), c), ct), now);
        // The newest page of the caller's runs (an index read); the chart draws those that ran.
        var recent = await store.RunList(new RunListParams { Owner = caller.OwnerScope, Limit = 60 }, ct);
        return new OverviewModel(tasks.Count, tasks.Count(t => t.Definition.Enabled), stats.Sum(s => s.Runs), stats.Sum(s => s.Succeeded),
            stats.Sum(s => s.Failed), stats.Sum(s => s.Last24h.Runs), running, queues.Sum(q => q.Waiting), nodes.Count, chart, recent);
    }

    /// <summary>7 daily bars from the per-task trends (succeeded and failed runs per UTC day).</summary>
    public static IReadOnlyList<ChartBucket> Days(IReadOnlyList<TaskStats> stats) =>
        stats.SelectMany(s => s.Trend).GroupBy(d => d.Day).OrderBy(g => g.Key)
            .Select(g => new ChartBucket(new DateTimeOffset(g.Key.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero),
                g.Key.ToString("ddd dd", System.Globalization.CultureInfo.InvariantCulture), (int)g.Sum(d => d.Succeeded), (int)g.Sum(d => d.Failed)))
            .ToList();

    /// <summary>The start of the first of the chart's 24 hourly buckets (the last one is the current hour).</summary>
    public static DateTimeOffset FirstHour(DateTimeOffset now) =>
        new DateTimeOffset(now.UtcDateTime.Date.AddHours(now.UtcDateTime.Hour), TimeSpan.Zero).AddHours(-23);

    /// <summary>24 hourly buckets ending with the current hour, from the store's per-hour counts (a run counts in the hour
    /// it ended; hours without runs are zero).</summary>
    public static IReadOnlyList<ChartBucket> Hours(IReadOnlyList<RunHourlyRow> counts, DateTimeOffset now)
    {
        var first = FirstHour(now);
        var byHour = counts.ToDictionary(c => c.Hour);
        return Enumerable.Range(0, 24).Select(i =>
        {
            var hour = first.AddHours(i);
            var c = byHour.GetValueOrDefault(hour);
            return new ChartBucket(hour, hour.ToString("HH:00", System.Globalization.CultureInfo.InvariantCulture), (int)(c?.Succeeded ?? 0), (int)(c?.Failed ?? 0));
        }).ToList();
    }

    public async Task<TaskDetailModel?> TaskDetailAsync(Caller caller, string name, CancellationToken ct)
    {
        var task = await TaskAsync(caller, name, ct);
        if (task is null) return null;
        var schedules = await store.ScheduleList(new ScheduleListParams(task.Id), ct);
        var stats = (await statistics.ForAsync([task], ct))[0];
        var runs = await store.RunList(new RunListParams { TaskName = task.Name, Limit = 15 }, ct);
        var now = time.GetUtcNow();
        var fires = schedules.Where(s => s.Definition.Enabled)
            .SelectMany(s => Preview(s, task.Name, now).Select(f => (s.Name, f)))
            .OrderBy(x => x.f.Utc).Take(8).ToList();
        return new TaskDetailModel(task, schedules, stats, runs, fires);
    }

    private static IReadOnlyList<FireTime> Preview(ScheduleRow s, string task, DateTimeOffset from)
    {
        try { return FirePreview.Next(s.Definition, task, from, 8); }
        catch (RotaException) { return []; }
    }
}
