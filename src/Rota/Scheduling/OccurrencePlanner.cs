using System.Text.Json.Nodes;
using Rota.Runs;
using Rota.Storage;
using Rota.Tasks;

namespace Rota.Scheduling;

/// <summary>
/// Decides, for one due schedule, which occurrences run and which become skipped/missed history rows, applying
/// misfire, max_runs, min_spacing and overlap rules. Pure: all inputs are passed in, so it is tested with a fixed clock.
/// The next occurrence is always computed from the last nominal time, never from "now".
/// </summary>
public static class OccurrencePlanner
{
    /// <summary>Occurrences examined per firing; beyond this a long outage is summarised instead of replayed row by row.</summary>
    public const int MaxOccurrencesPerFiring = 1000;

    public static OccurrencePlan Plan(ScheduleRow schedule, CompiledSchedule compiled, TaskRow task, DateTimeOffset now,
        RunActiveCount active, IReadOnlyList<RunRecord> activeRuns, DateTimeOffset? lastStartedAt)
    {
        var def = task.Definition;
        var due = new List<DateTimeOffset>();
        var cursor = schedule.NextNominalAt;
        var exhausted = false;
        while (cursor is { } o && o + compiled.JitterFor(o) <= now)
        {
            if (due.Count == MaxOccurrencesPerFiring)
            {
                // Jump past the rest of a very long gap: they are counted as one summarised miss.
                due.Add(o);
                cursor = compiled.NextAfter(now);
                break;
            }
            due.Add(o);
            cursor = compiled.NextAfter(o);
        }
        if (cursor is null) exhausted = true;

        var rows = new List<RunInsertParams>();
        var toCancel = new List<long>();
        var running = active.Running;
        var waiting = active.Waiting;
        var fired = 0;
        var lastStart = lastStartedAt;
        var grace = def.Misfire.EffectiveGrace;
        var window = def.Misfire.CatchupWindow;

        var late = due.Where(o => now - o > grace).ToList();
        var onTime = due.Where(o => now - o <= grace).ToList();
        var toRun = new List<DateTimeOffset>(onTime);
        var missed = new List<(DateTimeOffset At, string Reason)>();
        foreach (var o in late.Where(o => window is { } w && now - o > w)) missed.Add((o, "missed: older than catchup window"));
        var catchable = late.Where(o => window is not { } w || now - o <= w).ToList();
        switch (def.Misfire.Kind)
        {
            case MisfireKind.Coalesce when catchable.Count > 0:
                missed.AddRange(catchable.SkipLast(1).Select(o => (o, "missed: coalesced into a later run")));
                if (onTime.Count == 0) toRun.Insert(0, catchable[^1]);
                else missed.Add((catchable[^1], "missed: coalesced into a later run"));
                break;
            case MisfireKind.All:
                var keep = catchable.TakeLast(Math.Max(0, def.Misfire.MaxCatchup)).ToList();
                missed.AddRange(catchable.SkipLast(keep.Count).Select(o => (o, "missed: beyond max_catchup")));
                toRun.InsertRange(0, keep);
                break;
            case MisfireKind.Skip:
                missed.AddRange(catchable.Select(o => (o, "missed: misfire policy skip")));
                break;
        }

        foreach (var (at, reason) in missed)
            rows.Add(History(schedule, task, at, RunStatus.Missed, reason, now));

        foreach (var o in toRun.Order())
        {
            if (compiled.Definition.MaxRuns is { } max && schedule.FireCount + fired >= max)
            {
                exhausted = true;
                rows.Add(History(schedule, task, o, RunStatus.Skipped, "skipped: max_runs reached", now));
                continue;
            }
            if (def.MinSpacing is { } spacing && lastStart is { } ls && o - ls < spacing)
            {
                rows.Add(History(schedule, task, o, RunStatus.Skipped, $"skipped: min_spacing {spacing} since last start {ls:O}", now));
                continue;
            }
            var verdict = OverlapVerdict(def.Overlap, running, waiting);
            if (verdict is not null)
            {
                rows.Add(History(schedule, task, o, RunStatus.Skipped, verdict, now));
                continue;
            }
            if (def.Overlap.Kind is OverlapKind.CancelOther or OverlapKind.TerminateOther)
                toCancel.AddRange(activeRuns.Where(r => !toCancel.Contains(r.Id)).Select(r => r.Id));
            var scheduledAt = o + compiled.JitterFor(o);
            rows.Add(new RunInsertParams
            {
                TaskId = task.Id,
                ScheduleId = schedule.Id,
                Trigger = RunTrigger.Schedule,
                TriggeredBy = $"schedule:{schedule.Name}",
                Status = scheduledAt <= now ? RunStatus.Available : RunStatus.Scheduled,
                Queue = def.Queue,
                Priority = def.Priority,
                NominalTime = o,
                ScheduledAt = scheduledAt,
                MaxAttempts = Math.Max(1, def.Retry.MaxAttempts),
                Parameters = compiled.Definition.Parameters?.DeepClone() as JsonObject,
                Now = now,
            });
            fired++;
            waiting++;
            lastStart = o;
        }

        var next = exhausted || (compiled.Definition.MaxRuns is { } m && schedule.FireCount + fired >= m) ? null : cursor;
        var fire = new ScheduleFireParams(schedule.Id, rows, due.Count > 0 ? due[^1] : null, next,
            next is { } n ? n + compiled.JitterFor(n) : null, fired);
        return new OccurrencePlan(fire, toCancel, toCancel.Count > 0 ? $"cancelled: superseded by a newer occurrence ({TextNames.Of(def.Overlap.Kind)})" : null);
    }

    /// <summary>Null when a new run may be queued; otherwise the skip reason.</summary>
    internal static string? OverlapVerdict(OverlapPolicy overlap, int running, int waiting) => overlap.Kind switch
    {
        OverlapKind.Skip when running + waiting > 0 => "skipped: overlap (previous run still active)",
        OverlapKind.BufferOne when waiting >= 1 => "skipped: overlap (buffer_one already holds a waiting run)",
        OverlapKind.BufferAll when waiting >= overlap.BufferLimit => $"skipped: overlap (buffer_all holds {waiting} waiting runs)",
        OverlapKind.AllowAll when overlap.MaxConcurrent > 0 && running + waiting >= overlap.MaxConcurrent =>
            $"skipped: overlap (allow_all limit {overlap.MaxConcurrent} reached)",
        _ => null,
    };

    private static RunInsertParams History(ScheduleRow s, TaskRow task, DateTimeOffset nominal, RunStatus status, string reason, DateTimeOffset now) => new()
    {
        TaskId = task.Id,
        ScheduleId = s.Id,
        Trigger = RunTrigger.Schedule,
        TriggeredBy = $"schedule:{s.Name}",
        Status = status,
        Reason = reason,
        Queue = task.Definition.Queue,
        Priority = task.Definition.Priority,
        NominalTime = nominal,
        ScheduledAt = nominal,
        MaxAttempts = 0,
        Now = now,
    };
}
