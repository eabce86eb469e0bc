using Microsoft.Extensions.Logging;
using Rota.Execution;
using Rota.Runs;
using Rota.Storage;

namespace Rota.Scheduling;

/// <summary>
/// Fires due schedules: sleeps on a timer set to the earliest next fire (no fixed polling of the schedule table
/// except the cross-process poll interval), plans each due schedule and writes all firings in one transaction.
/// </summary>
internal sealed partial class Scheduler(
    IRotaStore store,
    RotaOptions options,
    TimeProvider time,
    CompiledScheduleCache compiled,
    StoreHealth health,
    ILogger logger)
{
    public WakeSignal Wake { get; } = new();

    /// <summary>Asked right before each firing write: false once this node's leadership lease ran out on its own clock
    /// (fencing; a stale fire would be deduplicated by the occurrence key anyway, but a deposed leader should not try).</summary>
    public Func<bool> MayFire { get; set; } = () => true;

    /// <summary>The idle wait when nothing is due (the poll interval unless set).</summary>
    internal Execution.PollCadence? Cadence { get; set; }

    /// <summary>Raised after runs were inserted (wake the dispatcher) and with runs to cancel (overlap policies).</summary>
    public event Action<int>? RunsInserted;
    public event Action<IReadOnlyList<long>, string>? CancelRequested;

    /// <summary>Fires every schedule due at the current time; returns the number of runnable runs inserted.</summary>
    public async Task<int> FireDueAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        // Stores keep milliseconds: round the horizon up, or a wake a few microseconds early finds nothing and the
        // occurrence falls back to being planned at its instant.
        var horizon = now + options.EffectiveFireAhead;
        var due = await store.ScheduleGetDue(new ScheduleGetDueParams(RoundUpToMillisecond(horizon)), ct).ConfigureAwait(false);
        if (due.Count == 0) return 0;
        var taskIds = due.Select(d => d.TaskId).Distinct().ToList();
        var counts = await store.RunActiveCounts(taskIds, ct).ConfigureAwait(false);
        var plans = new List<OccurrencePlan>(due.Count);
        foreach (var schedule in due)
        {
            var task = schedule.Task!;
            try
            {
                var cs = compiled.Get(schedule);
                var active = counts.GetValueOrDefault(task.Id) ?? new RunActiveCount(0, 0);
                // Written ahead only when nothing could change the verdict before the due instant; otherwise wait for it.
                var ahead = schedule.NextFireAt > now;
                if (ahead && (active.Running + active.Waiting > 0 || task.Definition.MinSpacing is not null)) continue;
                var planAt = ahead ? schedule.NextFireAt!.Value : now;
                var needsRuns = active.Running + active.Waiting > 0 && task.Definition.Overlap.Kind is Tasks.OverlapKind.CancelOther or Tasks.OverlapKind.TerminateOther;
                var activeRuns = needsRuns ? await store.RunActiveList(new RunActiveListParams(task.Id), ct).ConfigureAwait(false) : [];
                var lastStart = task.Definition.MinSpacing is null ? null : await store.RunLastStartedAt(task.Id, ct).ConfigureAwait(false);
                var plan = OccurrencePlanner.Plan(schedule, cs, task, planAt, active, activeRuns, lastStart);
                if (ahead) plan = plan with { Fire = plan.Fire with { Runs = [.. plan.Fire.Runs.Select(r => r with { Now = now, Status = r.Status == RunStatus.Available && r.ScheduledAt > now ? RunStatus.Scheduled : r.Status })] } };
                var inserted = plan.Fire.Runs.Count(r => r.Status is RunStatus.Available or RunStatus.Scheduled);
                counts = new Dictionary<long, RunActiveCount>(counts) { [task.Id] = active with { Waiting = active.Waiting + inserted } };
                plans.Add(plan);
            }
            catch (RotaException ex)
            {
                // A schedule that cannot be computed (e.g. a zone removed from tzdata) is parked, not retried every tick.
                LogScheduleBroken(ex, schedule.TaskName, schedule.Name);
                plans.Add(new OccurrencePlan(new ScheduleFireParams(schedule.Id, [], null, null, null, 0), [], null));
            }
        }
        if (plans.Count == 0 || !MayFire()) return 0;
        await store.ScheduleFireMany(plans.Select(p => p.Fire).ToList(), ct).ConfigureAwait(false);
        var runnable = plans.Sum(p => p.Fire.Runs.Count(r => r.Status is RunStatus.Available or RunStatus.Scheduled));
        foreach (var p in plans.Where(p => p.RunsToCancel.Count > 0)) CancelRequested?.Invoke(p.RunsToCancel, p.CancelReason!);
        if (runnable > 0) RunsInserted?.Invoke(runnable);
        return runnable;
    }

    /// <summary>When the firing loop last completed a pass (the <c>scheduler_stopped</c> alert watches it).</summary>
    public DateTimeOffset? LastPassAt { get; private set; }

    public async Task RunAsync(CancellationToken stopping)
    {
        var backoff = new RetryBackoff();
        while (!stopping.IsCancellationRequested)
        {
            var wait = Cadence?.Current ?? options.PollInterval;
            var down = false;
            try
            {
                // What this pass can see: occurrences up to its start + the fire-ahead window.
                var passHorizon = time.GetUtcNow() + options.EffectiveFireAhead;
                await FireDueAsync(stopping).ConfigureAwait(false);
                var next = await store.ScheduleNextFireAt(stopping).ConfigureAwait(false);
                LastPassAt = time.GetUtcNow();
                health.Succeeded();
                backoff.Reset();
                if (next is { } n)
                {
                    var until = UntilNextPass(n, passHorizon, time.GetUtcNow(), options.EffectiveFireAhead);
                    if (until < wait) wait = until;
                }
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested) { break; }
            catch (Exception ex) when (health.Failed(ex, "scheduler"))
            {
                // Occurrences that pass meanwhile are fired on return according to each task's misfire policy.
                down = true;
                wait = backoff.Next();
            }
            catch (Exception ex) { LogFireFailed(ex); }
            if (wait <= TimeSpan.Zero) continue;
            try
            {
                if (down) await Task.Delay(wait, time, stopping).ConfigureAwait(false);
                else await Wake.WaitAsync(wait, time, stopping).ConfigureAwait(false);
            }
            catch (OperationCanceledException) { break; }
        }
    }

    /// <summary>
    /// How long to sleep before the pass for <paramref name="next"/>: until the fire-ahead window opens (+1 ms: timers
    /// may fire a hair early; waking just inside the window beats a second wake). A schedule the last pass saw but did
    /// not write ahead (its task was busy) waits for its instant. One the pass could not see yet — its window opened
    /// while the pass ran (the pass began a little before the window) — gets a new pass at once; waiting for its instant
    /// would plan it at the instant and lose the write-ahead for that occurrence.
    /// </summary>
    internal static TimeSpan UntilNextPass(DateTimeOffset next, DateTimeOffset passHorizon, DateTimeOffset now, TimeSpan fireAhead)
    {
        var untilDue = next - now;
        var early = untilDue - fireAhead;
        if (early > TimeSpan.Zero) return early + TimeSpan.FromMilliseconds(1);
        return next > passHorizon ? TimeSpan.Zero : untilDue;
    }

    private static DateTimeOffset RoundUpToMillisecond(DateTimeOffset t)
    {
        var rest = t.Ticks % TimeSpan.TicksPerMillisecond;
        return rest == 0 ? t : t.AddTicks(TimeSpan.TicksPerMillisecond - rest);
    }

    [LoggerMessage(EventId = 1001, Level = LogLevel.Error, Message = "scheduler: schedule {Schedule} of task {Task} cannot be computed and is parked")]
    private partial void LogScheduleBroken(Exception ex, string task, string schedule);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Error, Message = "scheduler: firing due schedules failed; retrying")]
    private partial void LogFireFailed(Exception ex);
}
