using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Rota.Cli.Commands;
using Rota.Client;
using Rota.Client.Models;

namespace Rota.Cli.Backends;

/// <summary>Commands through a server's API (<c>--server URL --token T</c>). The server scopes everything to the token's
/// user; its problem+json errors surface as <see cref="RotaApiException"/>.</summary>
public sealed partial class RemoteBackend(RotaApiClient api) : ICliBackend
{
    public async Task<IReadOnlyList<TaskView>> ListTasksAsync(CancellationToken ct) =>
        (await api.ListTasksAsync(ct: ct)).Select(RemoteViews.Task).ToList();

    public async Task<TaskDetail> GetTaskAsync(string name, DateTimeOffset now, CancellationToken ct)
    {
        var t = await api.GetTaskAsync(name, ct);
        var view = RemoteViews.Task(t);
        var next = t.Schedules.Count == 0 ? [] : (await api.NextFiresAsync(name, Math.Min(100, 5 * t.Schedules.Count), now, ct)).Fires;
        var fires = view.Schedules.Select(s => new ScheduleFires(s, next.Where(f => f.Schedule == s.Name).Take(5).Select(f => (f.Utc, f.Local, f.Note)).ToList())).ToList();
        var state = t.Enabled ? "enabled" : $"paused: {t.PausedReason}{(t.PausedUntil is { } u ? $" until {CliOutput.When(u)}" : "")}";
        List<string> lines =
        [
            $"state:     {state}",
            $"overlap:   {t.Overlap}   misfire: {t.Misfire}",
            $"retry:     {t.MaxAttempts} attempts",
            $"timeout:   {(t.TimeoutSeconds is { } s ? TimeSpan.FromSeconds(s).ToString() : "none")}",
            $"owner:     {t.Owner ?? "–"}   origin: {t.Origin}",
            $"parameters: {t.Parameters?.ToJsonString() ?? "{}"}",
        ];
        if (t.Description is not null) lines.Insert(0, t.Description);
        return new TaskDetail(view, $"{t.Name}  ({t.Handler}, queue {t.Queue}, priority {t.Priority}, version {t.Version})", lines, fires,
            JsonSerializer.SerializeToNode(t, ClientJson.Options));
    }

    public async Task EnableTaskAsync(string name, CancellationToken ct) => await api.EnableTaskAsync(name, ct);

    public async Task DisableTaskAsync(string name, string reason, DateTimeOffset? until, CancellationToken ct) =>
        await api.DisableTaskAsync(name, reason, until, ct);

    public Task DeleteTaskAsync(string name, CancellationToken ct) => api.DeleteTaskAsync(name, ct);

    public async Task<QueuedRun> RunTaskAsync(TriggerRequest request, CancellationToken ct)
    {
        try
        {
            var r = await api.RunTaskAsync(request.TaskName, new RunNowRequest(request.Parameters, request.IdempotencyKey, request.RunAt,
                request.IgnoreOverlap ? true : null), ct);
            return new QueuedRun(r.RunId, r.Status, r.Reason, r.Duplicate, r.ConflictingRunId);
        }
        catch (RotaApiException ex) when (ex.Code == "run.overlap" && ex.Problem?["run_id"] is JsonValue id)
        {
            // The server answers an overlap skip with 409; the CLI reports it as the local mode does (a skipped run, exit 6).
            return new QueuedRun(id.GetValue<long>(), "skipped", ex.Detail, false, ex.Problem["conflicting_run_id"]?.GetValue<long>());
        }
    }

    public async Task<RunListView> ListRunsAsync(RunQuery query, CancellationToken ct)
    {
        var page = await api.ListRunsAsync(new RunFilter(query.Task, query.Status, query.Trigger,
            Cursor: query.BeforeId?.ToString(CultureInfo.InvariantCulture), Limit: query.Limit), ct);
        return new RunListView(page.Runs.Select(r => RemoteViews.Run(r)).ToList(),
            long.TryParse(page.NextCursor, CultureInfo.InvariantCulture, out var next) ? next : null);
    }

    public async Task<(RunView Run, IReadOnlyList<AttemptView> Attempts)> GetRunAsync(long id, CancellationToken ct)
    {
        var d = await api.GetRunAsync(id, ct);
        return (RemoteViews.Run(d.Run, d.Logs), d.Attempts.Select(a => RemoteViews.Attempt(id, a)).ToList());
    }

    public Task<string> GetRunLogsAsync(long id, CancellationToken ct) => api.GetRunLogsAsync(id, ct);

    public async Task<CancelView> CancelRunAsync(long id, string reason, CancellationToken ct)
    {
        try
        {
            var r = await api.CancelRunAsync(id, reason, ct);
            return new CancelView(r.Outcome, r.Status);
        }
        catch (RotaApiException ex) when (ex.Code == "run.already_finished")
        {
            return new CancelView("already_finished", (await api.GetRunAsync(id, ct)).Run.Status);
        }
    }

    public async Task<IReadOnlyList<NodeView>> ListNodesAsync(DateTimeOffset now, CancellationToken ct) =>
        RemoteViews.Nodes(await api.ListNodesAsync(ct), now);

    public ValueTask DisposeAsync()
    {
        api.Dispose();
        return ValueTask.CompletedTask;
    }
}
