using Rota.Runs;
using Rota.Storage;
using Rota.Tasks;

namespace Rota.Execution;

/// <summary>
/// Starts dependent tasks when a run finishes (trigger <c>dependency</c>). Only tasks that have dependents do any work:
/// the reverse map (upstream → dependents) is cached and re-read at most every <see cref="MaxAge"/>, or at once after a
/// local definition change. Each triggered run carries an idempotency key — <c>dep:&lt;upstream run id&gt;</c>, or for
/// fan-in <c>dep:&lt;nominal unix ms&gt;</c> (runs without an occurrence join through <see cref="ManualFanIn"/>:
/// <c>dep:manual:&lt;joined run ids&gt;</c>) — so it is inserted exactly once however many nodes see the completion.
/// </summary>
internal sealed class DependencyTrigger(IRotaStore store, TimeProvider time, Action runsInserted)
{
    private static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(10);
    private readonly ManualFanIn _manual = new(store);
    private volatile DependentMap? _map;
    // The read in progress: runs finishing together when the map is stale share one TaskList instead of one each.
    private Task<DependentMap>? _loading;
    private readonly Lock _loadLock = new();

    /// <summary>A task definition changed in this process: read the map again at the next completion.</summary>
    public void Invalidate() => _map = null;

    public async Task OnFinishedAsync(RunRecord run, RunStatus status, CancellationToken ct)
    {
        if (!status.IsTerminal()) return;
        var map = await MapAsync(ct).ConfigureAwait(false);
        if (!map.Dependents.TryGetValue(run.TaskName, out var dependents)) return;
        var inserts = new List<RunInsertParams>();
        foreach (var d in dependents)
        {
            if (!d.Definition.Enabled || !d.Definition.DependsOn.Any(x => x.Task == run.TaskName && x.IsMetBy(status))) continue;
            if (!d.Definition.DependsAll) inserts.Add(Insert(d, run, $"dep:{run.Id}"));
            else if (run.NominalTime is { } nominal)
            {
                if (await AllMetAsync(d.Definition, nominal, ct).ConfigureAwait(false)) inserts.Add(Insert(d, run, $"dep:{nominal.ToUnixTimeMilliseconds()}"));
            }
            else if (await _manual.JoinKeyAsync(d, ct).ConfigureAwait(false) is { } key) inserts.Add(Insert(d, run, key));
        }
        if (inserts.Count == 0) return;
        var results = await store.RunInsertMany(inserts, ct).ConfigureAwait(false);
        if (results.Any(r => r.Inserted)) runsInserted();
    }

    /// <summary>Fan-in: every upstream has a finished run of the same occurrence that meets its condition.</summary>
    private async Task<bool> AllMetAsync(TaskDefinition task, DateTimeOffset nominal, CancellationToken ct)
    {
        foreach (var dep in task.DependsOn)
        {
            // Runs of an occurrence are created around its nominal time (fire-ahead, misfire catch-up within the hour).
            var runs = await store.RunList(new RunListParams { TaskName = dep.Task, From = nominal - TimeSpan.FromHours(1), Limit = 200 }, ct).ConfigureAwait(false);
            if (!runs.Any(r => r.NominalTime == nominal && r.Status.IsTerminal() && dep.IsMetBy(r.Status))) return false;
        }
        return true;
    }

    private RunInsertParams Insert(TaskRow task, RunRecord upstream, string key)
    {
        var now = time.GetUtcNow();
        return new RunInsertParams
        {
            TaskId = task.Id,
            Trigger = RunTrigger.Dependency,
            TriggeredBy = $"run:{upstream.Id}",
            Status = RunStatus.Available,
            Queue = task.Definition.Queue,
            Priority = task.Definition.Priority,
            // The occurrence travels down the chain, so a fan-in further down can join on it.
            NominalTime = upstream.NominalTime,
            ScheduledAt = now,
            MaxAttempts = Math.Max(1, task.Definition.Retry.MaxAttempts),
            IdempotencyKey = key,
            Now = now,
        };
    }

    private Task<DependentMap> MapAsync(CancellationToken ct)
    {
        if (_map is { } cached && time.GetUtcNow() - cached.LoadedAt < MaxAge) return Task.FromResult(cached);
        lock (_loadLock)
        {
            if (_loading is { IsCompleted: false } inFlight) return inFlight;
            return _loading = LoadAsync(ct);
        }
    }

    private async Task<DependentMap> LoadAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var dependents = new Dictionary<string, List<TaskRow>>(StringComparer.Ordinal);
        foreach (var t in await store.TaskList(new TaskListParams(), ct).ConfigureAwait(false))
            foreach (var up in t.Definition.DependsOn.Select(d => d.Task).Distinct(StringComparer.Ordinal))
            {
                if (!dependents.TryGetValue(up, out var list)) dependents[up] = list = [];
                list.Add(t);
            }
        var map = new DependentMap(dependents, now);
        _map = map;
        return map;
    }

    private sealed record DependentMap(Dictionary<string, List<TaskRow>> Dependents, DateTimeOffset LoadedAt);
}
