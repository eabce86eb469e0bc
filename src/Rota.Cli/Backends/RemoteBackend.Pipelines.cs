using System.Text.Json.Nodes;
using Rota.Cli.Commands;
using Rota.Client;
using Rota.Client.Models;
using Rota.Server.Views;

namespace Rota.Cli.Backends;

public sealed partial class RemoteBackend
{
    public async Task<IReadOnlyList<PipelineView>> ListPipelinesAsync(CancellationToken ct) =>
        (await api.ListPipelinesAsync(ct)).Select(Pipeline).ToList();

    public async Task<PipelineView> GetPipelineAsync(string name, CancellationToken ct) => Pipeline(await api.GetPipelineAsync(name, ct));

    public async Task<QueuedRun> RunPipelineAsync(string name, string? step, JsonObject? parameters, CancellationToken ct)
    {
        try
        {
            var r = await api.RunPipelineAsync(name, new PipelineRunRequest(step, parameters), ct);
            return new QueuedRun(r.RunId, r.Status, r.Reason, r.Duplicate, r.ConflictingRunId);
        }
        catch (RotaApiException ex) when (ex.Code == "run.overlap" && ex.Problem?["run_id"] is JsonValue id)
        {
            return new QueuedRun(id.GetValue<long>(), "skipped", ex.Detail, false, ex.Problem["conflicting_run_id"]?.GetValue<long>());
        }
    }

    public async Task<IReadOnlyList<PipelineRunLog>> ListPipelineRunsAsync(string name, int limit, CancellationToken ct) =>
        (await api.ListPipelineRunsAsync(name, Math.Min(limit, 100), ct: ct)).Runs
            .Select(d => new PipelineRunLog(RemoteViews.Run(d.Run), (d.Steps ?? []).Select(s => RemoteViews.Run(s)).ToList())).ToList();

    public async Task<PipelineRunLog> GetPipelineRunAsync(long runId, CancellationToken ct)
    {
        var d = await api.GetRunAsync(runId, ct);
        return new PipelineRunLog(RemoteViews.Run(d.Run, d.Logs), (d.Steps ?? []).Select(s => RemoteViews.Run(s)).ToList());
    }

    private static PipelineView Pipeline(PipelineInfo p) => new(
        p.Id, p.Name, p.Description, p.Owner, p.Enabled, p.PausedReason, p.Version,
        p.Steps.Select(s => new PipelineStepView(s.Number, s.Name, s.Task, s.Handler, s.Parameters, s.TimeoutSeconds, s.MaxAttempts,
            s.ContinueOnFailure, s.After, s.When)).ToList(),
        p.Edges.Select(e => new PipelineEdgeView(e.From, e.To)).ToList(),
        p.Schedules.Select(s => new Server.Views.ScheduleView(s.Id, s.Name, s.Specs, s.Description, s.TimeZone, s.Enabled, s.NextFireAt,
            s.LastNominalAt, s.FireCount)).ToList(),
        p.NextFireAt, p.LastRunAt, p.LastStatus);
}
