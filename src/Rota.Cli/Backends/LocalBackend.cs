using System.Text.Json.Nodes;
using Rota.Cli.Commands;
using Rota.Runs;
using Rota.Scheduling;
using Rota.Storage;

namespace Rota.Cli.Backends;

/// <summary>Commands on the store itself: no server needed (and the way back in when every token is lost).</summary>
public sealed partial class LocalBackend(IRotaStore store, TimeProvider time, Func<Rota.Crawler.Crawling.CrawlerOptions> crawlerOptions) : ICliBackend
{
    private readonly RotaClient _client = new(store, time);

    public Task<IReadOnlyList<TaskView>> ListTasksAsync(CancellationToken ct) => TaskViews.ListAsync(store);

    public async Task<TaskDetail> GetTaskAsync(string name, DateTimeOffset now, CancellationToken ct)
    {
        var row = await store.TaskGet(name, ct) ?? throw TaskCommands.NotFound(name);
        var view = (await TaskViews.ListAsync(store)).First(v => v.Name == row.Name);
        var d = row.Definition;
        var schedules = await store.ScheduleList(new ScheduleListParams(row.Id), ct);
        var fires = view.Schedules.Select(s => new ScheduleFires(s, FirePreview.Next(schedules.First(x => x.Name == s.Name).Definition, d.Name, now, 5)
            .Select(f => (f.Utc, f.Local, f.Note)).ToList())).ToList();
        string[] lines =
        [
            $"state:     {(d.Enabled ? "enabled" : $"paused: {d.PausedReason}{(d.PausedUntil is { } u ? $" until {CliOutput.When(u)}" : "")}")}",
            $"overlap:   {d.Overlap}   misfire: {TextNames.Of(d.Misfire.Kind)}{(d.Misfire.CatchupWindow is { } cw ? $" (window {cw})" : "")}",
            $"retry:     {d.Retry.MaxAttempts} attempts, backoff {d.Retry.EffectiveBaseDelay} x{d.Retry.Factor} max {d.Retry.EffectiveMaxDelay}",
            $"timeout:   {(d.Timeout?.ToString() ?? "none")}   min spacing: {(d.MinSpacing?.ToString() ?? "none")}",
            $"retention: keep {d.Retention.KeepSucceeded} ok / {d.Retention.KeepFailed} failed, {d.Retention.EffectiveMaxAge.TotalDays:0} days",
            $"parameters: {d.Parameters.ToJsonString()}",
        ];
        return new TaskDetail(view, $"{d.Name}  ({d.Handler}, queue {d.Queue}, priority {d.Priority}, version {row.Version})",
            d.Description is null ? lines : [d.Description, .. lines], fires, JsonNode.Parse(DefinitionJson.Serialize(d)));
    }

    public async Task EnableTaskAsync(string name, CancellationToken ct)
    {
        if (!await _client.ResumeAsync(name, ct)) throw TaskCommands.NotFound(name);
    }

    public async Task DisableTaskAsync(string name, string reason, DateTimeOffset? until, CancellationToken ct)
    {
        if (!await _client.PauseAsync(name, reason, until, ct)) throw TaskCommands.NotFound(name);
    }

    public async Task DeleteTaskAsync(string name, CancellationToken ct)
    {
        if (!await store.TaskDelete(name, ct)) throw TaskCommands.NotFound(name);
    }

    public async Task<QueuedRun> RunTaskAsync(TriggerRequest request, CancellationToken ct)
    {
        var r = await _client.TriggerAsync(request, ct);
        return new QueuedRun(r.RunId, r.Status.ToText(), r.Reason, r.Duplicate, r.ConflictingRunId);
    }

    public async Task<RunListView> ListRunsAsync(RunQuery query, CancellationToken ct)
    {
        var runs = await store.RunList(new RunListParams
        {
            TaskName = query.Task,
            Status = query.Status is { } s ? TextNames.Parse<RunStatus>(s) : null,
            Trigger = query.Trigger is { } t ? TextNames.Parse<RunTrigger>(t) : null,
            Limit = query.Limit,
            BeforeId = query.BeforeId,
        }, ct);
        return new RunListView(runs.Select(View).ToList(), runs.Count == query.Limit ? runs[^1].Id : null);
    }

    public async Task<(RunView Run, IReadOnlyList<AttemptView> Attempts)> GetRunAsync(long id, CancellationToken ct)
    {
        var run = await store.RunGet(id, ct) ?? throw RunCommands.NotFound(id);
        var attempts = await store.RunAttemptList(run.Id, ct);
        return (View(run), attempts.Select(a => new AttemptView(a.RunId, a.Attempt, a.Node, a.StartedAt, a.EndedAt, a.Status.ToText(), Error(a.Error))).ToList());
    }

    public async Task<string> GetRunLogsAsync(long id, CancellationToken ct) => (await store.RunGet(id, ct) ?? throw RunCommands.NotFound(id)).Logs ?? "";

    public async Task<CancelView> CancelRunAsync(long id, string reason, CancellationToken ct)
    {
        var result = await _client.CancelRunAsync(id, reason, ct);
        return result.Outcome == RunCancelOutcome.NotFound ? throw RunCommands.NotFound(id)
            : new CancelView(TextNames.Of(result.Outcome), result.Status?.ToText());
    }

    public async Task<IReadOnlyList<NodeView>> ListNodesAsync(DateTimeOffset now, CancellationToken ct) =>
        NodeCommands.View(await store.NodeList(ct), await store.LeaderGet(ct), now);

    internal static RunView View(RunRecord r) => new(
        r.Id, r.TaskName, r.ScheduleName, TextNames.Of(r.Trigger), r.TriggeredBy, r.Status.ToText(), r.Reason, r.Queue, r.Priority,
        r.NominalTime, r.ScheduledAt, r.CreatedAt, r.FirstStartedAt, r.EndedAt, r.Duration?.TotalMilliseconds, r.Lateness?.TotalMilliseconds,
        r.Attempt, r.MaxAttempts, r.Node, r.Progress, r.ProgressText, CliOutput.Node(r.Parameters), CliOutput.Node(r.Stats), Error(r.Error), r.Logs,
        r.ParentRunId, r.Step);

    private static RunErrorView? Error(RunError? e) => e is null ? null : new RunErrorView(e.Type, e.Message, e.Details, e.IsTransient);

    public ValueTask DisposeAsync() => store.DisposeAsync();
}
