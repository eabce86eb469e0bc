using Rota.Runs;
using Rota.Scheduling;
using Rota.Storage;
using Rota.Tasks;

namespace Rota;

/// <summary>
/// The operations a user performs on Rota — define tasks, trigger, cancel, pause, resume, inspect — against a store.
/// Works with or without an engine in the same process (the CLI uses it directly on the database file).
/// </summary>
public sealed partial class RotaClient
{
    private readonly IRotaStore _store;
    private readonly TimeProvider _time;

    internal TimeProvider Time => _time;
    private readonly EngineSignals _signals;

    public RotaClient(IRotaStore store, TimeProvider time) : this(store, time, EngineSignals.None) { }

    internal RotaClient(IRotaStore store, TimeProvider time, EngineSignals signals)
    {
        _store = store;
        _time = time;
        _signals = signals;
    }

    public IRotaStore Store => _store;

    /// <summary>Creates or updates a task and its schedules. A task paused at runtime stays paused when the new
    /// definition says enabled (configuration does not silently resume it); enabled: false pauses it.</summary>
    public async Task<TaskRow> ApplyAsync(TaskDefinition definition, CancellationToken ct = default)
    {
        var compiled = definition.Schedules.Select(s => ScheduleCompiler.Compile(s, definition.Name)).ToList();
        var now = _time.GetUtcNow();
        var existing = await _store.TaskGet(definition.Name, ct).ConfigureAwait(false);
        var toStore = existing is { Definition.Enabled: false } && definition.Enabled
            ? definition with { Enabled = false, PausedReason = existing.Definition.PausedReason, PausedUntil = existing.Definition.PausedUntil }
            : definition;
        var row = await _store.TaskUpsert(new TaskUpsertParams(toStore, now), ct).ConfigureAwait(false);
        await _store.QueueUpsertIfMissing(definition.Queue, ct).ConfigureAwait(false);
        var items = compiled.Select(c =>
        {
            var first = c.AfterCompletionDelay is not null && c.NextAfter(now - TimeSpan.FromTicks(1)) is null ? now : c.NextAfter(now);
            return new ScheduleSyncItem(c.Definition, first, first is { } f ? f + c.JitterFor(f) : null);
        }).ToList();
        await _store.ScheduleSync(new ScheduleSyncParams(row.Id, items, now), ct).ConfigureAwait(false);
        _signals.SchedulesChanged();
        return row;
    }

    /// <summary>Queues a run now (or at <see cref="TriggerRequest.RunAt"/>), honouring the overlap policy unless overridden.</summary>
    public async Task<TriggerResult> TriggerAsync(TriggerRequest request, CancellationToken ct = default)
    {
        var task = await _store.TaskGet(request.TaskName, ct).ConfigureAwait(false)
            ?? throw new RotaException("task.not_found", $"task: no task named '{request.TaskName}'");
        var def = task.Definition;
        var now = _time.GetUtcNow();
        var at = request.RunAt ?? now;
        long? conflicting = null;
        string? skip = null;
        if (!request.IgnoreOverlap && def.Overlap.Kind is not (OverlapKind.CancelOther or OverlapKind.TerminateOther))
        {
            var counts = await _store.RunActiveCounts([task.Id], ct).ConfigureAwait(false);
            var active = counts.GetValueOrDefault(task.Id) ?? new RunActiveCount(0, 0);
            skip = OccurrencePlanner.OverlapVerdict(def.Overlap, active.Running, active.Waiting);
            if (skip is not null)
                conflicting = (await _store.RunActiveList(new RunActiveListParams(task.Id), ct).ConfigureAwait(false)).FirstOrDefault()?.Id;
        }
        var insert = new RunInsertParams
        {
            TaskId = task.Id,
            Trigger = request.Trigger,
            TriggeredBy = request.TriggeredBy,
            Status = skip is not null ? RunStatus.Skipped : at <= now ? RunStatus.Available : RunStatus.Scheduled,
            Reason = skip,
            Queue = def.Queue,
            Priority = def.Priority,
            ScheduledAt = at,
            MaxAttempts = Math.Max(1, def.Retry.MaxAttempts),
            Parameters = request.Parameters,
            IdempotencyKey = request.IdempotencyKey,
            Now = now,
        };
        var result = (await _store.RunInsertMany([insert], ct).ConfigureAwait(false))[0];
        if (!result.Inserted)
        {
            var existing = await _store.RunGet(result.Id, ct).ConfigureAwait(false);
            return new TriggerResult(result.Id, existing?.Status ?? RunStatus.Available, "duplicate idempotency key", true, null);
        }
        if (skip is null && def.Overlap.Kind is OverlapKind.CancelOther or OverlapKind.TerminateOther)
        {
            var others = (await _store.RunActiveList(new RunActiveListParams(task.Id), ct).ConfigureAwait(false)).Where(r => r.Id != result.Id).ToList();
            foreach (var other in others) await CancelRunAsync(other.Id, "cancelled: superseded by a manual run", ct).ConfigureAwait(false);
        }
        if (skip is null) _signals.RunsInserted();
        return new TriggerResult(result.Id, insert.Status, skip, false, conflicting);
    }

    /// <summary>Queues many runs of one task in one transaction (fire-and-forget jobs). Overlap is not checked:
    /// use a task with <c>overlap: allow_all</c> (or buffer_all) for bulk work. Returns the run ids.</summary>
    public async Task<IReadOnlyList<long>> EnqueueManyAsync(string taskName, IReadOnlyList<System.Text.Json.Nodes.JsonObject?> parameters,
        string? triggeredBy = null, CancellationToken ct = default)
    {
        var task = await _store.TaskGet(taskName, ct).ConfigureAwait(false)
            ?? throw new RotaException("task.not_found", $"task: no task named '{taskName}'");
        var now = _time.GetUtcNow();
        var rows = parameters.Select(p => new RunInsertParams
        {
            TaskId = task.Id, Trigger = RunTrigger.Api, TriggeredBy = triggeredBy, Status = RunStatus.Available,
            Queue = task.Definition.Queue, Priority = task.Definition.Priority, ScheduledAt = now,
            MaxAttempts = Math.Max(1, task.Definition.Retry.MaxAttempts), Parameters = p, Now = now,
        }).ToList();
        var result = await _store.RunInsertMany(rows, ct).ConfigureAwait(false);
        _signals.RunsInserted();
        return result.Select(r => r.Id).ToList();
    }

    /// <summary>Cancels a waiting run at once, or asks a running one to stop (cooperative cancellation).</summary>
    public async Task<RunCancelResult> CancelRunAsync(long runId, string reason = "cancelled by request", CancellationToken ct = default)
    {
        var result = await _store.RunCancel(new RunCancelParams(runId, reason, _time.GetUtcNow()), ct).ConfigureAwait(false);
        if (result.Outcome == RunCancelOutcome.CancelRequested) _signals.StopRun(runId, reason);
        return result;
    }

    /// <summary>Pauses a task's schedules, with a reason and optionally until a time. Manual runs stay allowed.</summary>
    public async Task<bool> PauseAsync(string taskName, string? reason, DateTimeOffset? until = null, CancellationToken ct = default)
    {
        var ok = await _store.TaskSetEnabled(new TaskSetEnabledParams(taskName, false, reason ?? "paused", until, _time.GetUtcNow()), ct).ConfigureAwait(false);
        _signals.SchedulesChanged();
        return ok;
    }

    /// <summary>Resumes a task. Occurrences that fell while it was paused are recorded as one skipped row, and the
    /// schedule continues from now (not replayed).</summary>
    public async Task<bool> ResumeAsync(string taskName, CancellationToken ct = default)
    {
        var task = await _store.TaskGet(taskName, ct).ConfigureAwait(false);
        if (task is null) return false;
        var now = _time.GetUtcNow();
        var schedules = await _store.ScheduleList(new ScheduleListParams(task.Id), ct).ConfigureAwait(false);
        var fires = new List<ScheduleFireParams>();
        foreach (var s in schedules)
        {
            var c = ScheduleCompiler.Compile(s.Definition, task.Name);
            var skipped = new List<DateTimeOffset>();
            for (var o = s.NextNominalAt; o is { } x && x <= now && skipped.Count < 1000; o = c.NextAfter(x)) skipped.Add(x);
            var next = s.NextNominalAt is { } nn && nn > now ? nn : c.NextAfter(now);
            var rows = skipped.Count == 0 ? new List<RunInsertParams>() :
            [
                new RunInsertParams
                {
                    TaskId = task.Id, ScheduleId = s.Id, Trigger = RunTrigger.Schedule, TriggeredBy = $"schedule:{s.Name}",
                    Status = RunStatus.Skipped, NominalTime = skipped[^1], ScheduledAt = skipped[^1], Now = now,
                    Queue = task.Definition.Queue, MaxAttempts = 0,
                    Reason = skipped.Count == 1 ? "skipped: task paused" : $"skipped: task paused ({skipped.Count}{(skipped.Count == 1000 ? "+" : "")} occurrences from {skipped[0]:O})",
                },
            ];
            fires.Add(new ScheduleFireParams(s.Id, rows, skipped.Count > 0 ? skipped[^1] : null, next, next is { } n ? n + c.JitterFor(n) : null, 0));
        }
        var ok = await _store.TaskSetEnabled(new TaskSetEnabledParams(taskName, true, null, null, now), ct).ConfigureAwait(false);
        if (fires.Count > 0) await _store.ScheduleFireMany(fires, ct).ConfigureAwait(false);
        _signals.SchedulesChanged();
        return ok;
    }

    public Task<TaskRow?> GetTaskAsync(string name, CancellationToken ct = default) => _store.TaskGet(name, ct);
    public Task<IReadOnlyList<TaskRow>> ListTasksAsync(CancellationToken ct = default) => _store.TaskList(new TaskListParams(), ct);
    public Task<RunRecord?> GetRunAsync(long id, CancellationToken ct = default) => _store.RunGet(id, ct);
    public Task<IReadOnlyList<RunRecord>> ListRunsAsync(RunListParams filter, CancellationToken ct = default) => _store.RunList(filter, ct);
}
