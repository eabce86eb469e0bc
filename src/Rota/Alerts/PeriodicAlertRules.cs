using System.Globalization;
using Rota.Configuration;
using Rota.Runs;
using Rota.Storage;

namespace Rota.Alerts;

/// <summary>
/// The time-based rules, evaluated every interval. Each computes the subjects that are bad now, fires those and
/// resolves the firing ones that are no longer bad. <c>store_unreachable</c> keeps its state in memory (the store is
/// what is missing) and runs on every node, as does the leader-lease half of <c>scheduler_stopped</c>; the rest run
/// on the leader only and keep what they know in the store, so a new leader carries on where the old one stopped.
/// </summary>
internal sealed class PeriodicAlertRules(Alerter alerter)
{
    private readonly HashSet<string> _storeFiring = new(StringComparer.Ordinal);
    private DateTimeOffset? _leadingSince;

    private IRotaStore Store => alerter.Store;
    private DateTimeOffset Now => alerter.Time.GetUtcNow();

    public async Task EvaluateAsync(AlertConfig config, bool leader, CancellationToken ct)
    {
        var rules = config.Rules.Where(r => r.Enabled).ToList();
        foreach (var rule in rules.Where(r => r.Kind == AlertRuleKind.StoreUnreachable))
            await StoreAsync(rule).ConfigureAwait(false);
        if (alerter.Engine.Health.IsDown) return;
        await alerter.RecordBacklogAsync(ct).ConfigureAwait(false);
        _leadingSince = leader ? _leadingSince ?? Now : null;
        foreach (var rule in rules)
        {
            var threshold = rule.Duration ?? AlertDefaults.Duration(rule.Kind) ?? TimeSpan.Zero;
            switch (rule.Kind)
            {
                case AlertRuleKind.SchedulerStopped:
                    await SchedulerAsync(rule, threshold, leader, ct).ConfigureAwait(false);
                    break;
                case AlertRuleKind.RunLongerThan when leader:
                    await LongRunsAsync(rule, threshold, ct).ConfigureAwait(false);
                    break;
                case AlertRuleKind.NoSuccessWithin when leader:
                    await DeadManAsync(rule, threshold, ct).ConfigureAwait(false);
                    break;
                case AlertRuleKind.SourceErrorLongerThan or AlertRuleKind.SourcePermanentError when leader:
                    await SourcesAsync(rule, threshold, ct).ConfigureAwait(false);
                    break;
                case AlertRuleKind.NodeLost when leader:
                    await NodesAsync(rule, threshold, ct).ConfigureAwait(false);
                    break;
            }
        }
    }

    /// <summary>Fires every bad subject; resolves firing subjects not bad any more (those <paramref name="mayResolve"/> allows).</summary>
    private async Task ReconcileAsync(AlertRule rule, Dictionary<string, Dictionary<string, string>> bad, Func<string, Dictionary<string, string>> resolvedValues,
        CancellationToken ct, Func<string, bool>? mayResolve = null)
    {
        foreach (var (key, values) in bad) await alerter.FireAsync(rule, key, values, ct).ConfigureAwait(false);
        var firing = await Store.AlertStateList(new AlertStateListParams(rule.Name, AlertStateStatus.Firing), ct).ConfigureAwait(false);
        foreach (var state in firing.Where(s => !bad.ContainsKey(s.SubjectKey) && (mayResolve?.Invoke(s.SubjectKey) ?? true)))
            await alerter.ResolveAsync(rule, state.SubjectKey, resolvedValues(state.SubjectKey), state, ct).ConfigureAwait(false);
    }

    private async Task LongRunsAsync(AlertRule rule, TimeSpan threshold, CancellationToken ct)
    {
        var running = await Store.RunList(new RunListParams { TaskName = rule.Task, Status = RunStatus.Running, Limit = 1000 }, ct).ConfigureAwait(false);
        var tagged = await TaggedTasksAsync(rule, ct).ConfigureAwait(false);
        var bad = new Dictionary<string, Dictionary<string, string>>();
        foreach (var run in running.Where(r => r.StartedAt is { } s && Now - s > threshold && (tagged is null || tagged.Contains(r.TaskName))))
        {
            var values = RunAlertRules.Values(run);
            values["since"] = AlertWording.Time(run.StartedAt!.Value);
            values["duration"] = DurationText.Format(threshold);
            bad[RunAlertRules.LongRunKey(run)] = values;
        }
        await ReconcileAsync(rule, bad, key => new() { ["task"] = key[..key.LastIndexOf('#')], ["run_id"] = key[(key.LastIndexOf('#') + 1)..], ["duration"] = DurationText.Format(threshold) }, ct)
            .ConfigureAwait(false);
    }

    /// <summary>Dead-man's switch: the rule's task, or without one every task with an enabled schedule.</summary>
    private async Task DeadManAsync(AlertRule rule, TimeSpan threshold, CancellationToken ct)
    {
        var tasks = await Store.TaskList(new TaskListParams(), ct).ConfigureAwait(false);
        var scheduled = rule.Task is null
            ? (await Store.ScheduleList(new ScheduleListParams(), ct).ConfigureAwait(false)).Where(s => s.Definition.Enabled).Select(s => s.TaskId).ToHashSet()
            : null;
        var bad = new Dictionary<string, Dictionary<string, string>>();
        foreach (var task in tasks.Where(t => t.Definition.Enabled && (rule.Task is null ? scheduled!.Contains(t.Id) : t.Name == rule.Task)
            && (rule.Tags.Count == 0 || rule.Tags.Any(t.Definition.Tags.Contains))))
        {
            var last = (await Store.RunList(new RunListParams { TaskName = task.Name, Status = RunStatus.Succeeded, Limit = 1 }, ct).ConfigureAwait(false))
                .FirstOrDefault()?.EndedAt;
            if (Now - (last ?? task.CreatedAt) <= threshold) continue;
            bad[task.Name] = new()
            {
                ["task"] = task.Name, ["duration"] = DurationText.Format(threshold),
                ["since"] = last is { } l ? AlertWording.Time(l) : $"it was created ({AlertWording.Time(task.CreatedAt)})",
            };
        }
        await ReconcileAsync(rule, bad, key => new() { ["task"] = key, ["duration"] = DurationText.Format(threshold) }, ct).ConfigureAwait(false);
    }

    private async Task SourcesAsync(AlertRule rule, TimeSpan threshold, CancellationToken ct)
    {
        var sources = await Store.SourceList(new SourceListParams(Status: SourceStatus.Error), ct).ConfigureAwait(false);
        var permanent = rule.Kind == AlertRuleKind.SourcePermanentError;
        var bad = new Dictionary<string, Dictionary<string, string>>();
        foreach (var s in sources.Where(s => permanent ? s.ErrorTransient == false : s.ErrorTransient != false && s.ErrorSince is { } since && Now - since > threshold))
            bad[$"source:{s.Id}"] = new()
            {
                ["source"] = s.Name, ["source_id"] = s.Id.ToString(CultureInfo.InvariantCulture), ["error"] = $"{s.ErrorCode}: {s.ErrorMessage}",
                ["since"] = s.ErrorSince is { } at ? AlertWording.Time(at) : "", ["duration"] = DurationText.Format(threshold),
            };
        await ReconcileAsync(rule, bad, key => new() { ["source_id"] = key["source:".Length..], ["source"] = key["source:".Length..], ["duration"] = DurationText.Format(threshold) }, ct)
            .ConfigureAwait(false);
    }

    /// <summary>A node is lost when its heartbeat is older than the threshold or it vanished from the registry (removed as
    /// stale). Each node's last heartbeat is kept in the rule's state rows (<see cref="IRotaStore.AlertStateSeen"/>), not
    /// in this process, so a new leader still knows a node that vanished before it took over, and an open alert stays
    /// open (the store's compare-and-set keeps it from firing twice). Only a node seen fresh again resolves.</summary>
    private async Task NodesAsync(AlertRule rule, TimeSpan threshold, CancellationToken ct)
    {
        var nodes = await Store.NodeList(ct).ConfigureAwait(false);
        foreach (var n in nodes) await Store.AlertStateSeen(new AlertStateSeenParams(rule.Name, n.Name, n.HeartbeatAt), ct).ConfigureAwait(false);
        var heartbeats = nodes.ToDictionary(n => n.Name, n => n.HeartbeatAt, StringComparer.Ordinal);
        var fresh = nodes.Where(n => Now - n.HeartbeatAt <= threshold).Select(n => n.Name).ToHashSet(StringComparer.Ordinal);
        var known = await Store.AlertStateList(new AlertStateListParams(rule.Name, Limit: 10_000), ct).ConfigureAwait(false);
        var bad = new Dictionary<string, Dictionary<string, string>>();
        foreach (var s in known.Where(s => !fresh.Contains(s.SubjectKey) && (s.Status == AlertStateStatus.Firing || Now - s.Since > threshold)))
        {
            var lastSeen = heartbeats.TryGetValue(s.SubjectKey, out var hb) ? hb : s.Status == AlertStateStatus.Resolved ? s.Since : (DateTimeOffset?)null;
            bad[s.SubjectKey] = new()
            {
                ["node"] = s.SubjectKey, ["duration"] = DurationText.Format(threshold),
                ["since"] = lastSeen is { } seen ? AlertWording.Time(seen) : $"before {AlertWording.Time(s.Since)}",
            };
        }
        await ReconcileAsync(rule, bad, key => new() { ["node"] = key }, ct, fresh.Contains).ConfigureAwait(false);
    }

    /// <summary>Two subjects: <c>leader</c> (no node holds the leadership lease for the threshold; every node checks) and
    /// <c>scheduler@node</c> (this leading node's firing loop made no pass for the threshold).</summary>
    private async Task SchedulerAsync(AlertRule rule, TimeSpan threshold, bool leader, CancellationToken ct)
    {
        var engine = alerter.Engine;
        var bad = new Dictionary<string, Dictionary<string, string>>();
        string? holder = engine.NodeName;
        if (!engine.Options.SingleNode)
        {
            var lease = await Store.LeaderGet(ct).ConfigureAwait(false);
            holder = lease.Holder is not null && lease.LeaseUntil >= Now ? lease.Holder : null;
            if (holder is null && Now - lease.LeaseUntil > threshold)
                bad["leader"] = new() { ["since"] = AlertWording.Time(lease.LeaseUntil), ["error"] = "no node holds the leadership, so nothing is scheduled", ["duration"] = DurationText.Format(threshold) };
        }
        var own = "scheduler@" + engine.NodeName;
        if (leader && engine.Options.SchedulerEnabled && engine.SchedulerLastPassAt is var pass && (pass ?? _leadingSince) is { } reference && Now - reference > threshold)
            bad[own] = new() { ["node"] = engine.NodeName, ["since"] = AlertWording.Time(reference), ["error"] = $"the scheduler loop on node {engine.NodeName} made no pass", ["duration"] = DurationText.Format(threshold) };
        // This node resolves its own loop's alert, and another node's once that node no longer leads.
        await ReconcileAsync(rule, bad, key => new() { ["node"] = key.StartsWith("scheduler@", StringComparison.Ordinal) ? key["scheduler@".Length..] : "" }, ct,
            key => key == "leader" || key == own || (key.StartsWith("scheduler@", StringComparison.Ordinal) && holder is not null && key != "scheduler@" + holder)).ConfigureAwait(false);
    }

    /// <summary>In-memory state: while the store is down nothing can be recorded there.</summary>
    private async Task StoreAsync(AlertRule rule)
    {
        var health = alerter.Engine.Health;
        var threshold = rule.Duration ?? AlertDefaults.Duration(rule.Kind)!.Value;
        var node = alerter.Engine.NodeName;
        if (health.DownSince is { } since && Now - since > threshold)
        {
            if (!_storeFiring.Add(rule.Name)) return;
            await alerter.SendAsync(rule, node, firing: true, new() { ["node"] = node, ["since"] = AlertWording.Time(since), ["error"] = "store calls fail", ["duration"] = DurationText.Format(threshold) })
                .ConfigureAwait(false);
        }
        else if (!health.IsDown && _storeFiring.Remove(rule.Name))
            await alerter.SendAsync(rule, node, firing: false, new() { ["node"] = node }).ConfigureAwait(false);
    }

    private async Task<HashSet<string>?> TaggedTasksAsync(AlertRule rule, CancellationToken ct) => rule.Tags.Count == 0 ? null
        : (await Store.TaskList(new TaskListParams(), ct).ConfigureAwait(false)).Where(t => rule.Tags.Any(t.Definition.Tags.Contains)).Select(t => t.Name).ToHashSet();
}
