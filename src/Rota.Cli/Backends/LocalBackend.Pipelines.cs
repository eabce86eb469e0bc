using System.Text.Json.Nodes;
using Rota.Cli.Commands;
using Rota.Pipelines;
using Rota.Runs;
using Rota.Storage;
using PipelineView = Rota.Server.Views.PipelineView;

namespace Rota.Cli.Backends;

public sealed partial class LocalBackend
{
    public async Task<IReadOnlyList<PipelineView>> ListPipelinesAsync(CancellationToken ct)
    {
        var schedules = (await store.ScheduleList(new ScheduleListParams(), ct)).ToLookup(s => s.TaskId);
        return (await store.TaskList(new TaskListParams(), ct)).Where(t => PipelineTasks.IsPipeline(t.Definition))
            .Select(t => PipelineView.From(t, schedules[t.Id].ToList())).ToList();
    }

    public async Task<PipelineView> GetPipelineAsync(string name, CancellationToken ct)
    {
        var row = await store.TaskGet(name, ct);
        if (row is null || !PipelineTasks.IsPipeline(row.Definition)) throw PipelineCommands.NotFound(name);
        return PipelineView.From(row, await store.ScheduleList(new ScheduleListParams(row.Id), ct));
    }

    public async Task<QueuedRun> RunPipelineAsync(string name, string? step, JsonObject? parameters, CancellationToken ct)
    {
        var r = await _client.RunPipelineAsync(name, step, parameters, $"cli:{Environment.UserName}", ct);
        return new QueuedRun(r.RunId, r.Status.ToText(), r.Reason, r.Duplicate, r.ConflictingRunId);
    }

    public async Task<IReadOnlyList<PipelineRunLog>> ListPipelineRunsAsync(string name, int limit, CancellationToken ct)
    {
        await GetPipelineAsync(name, ct);
        var runs = await store.RunList(new RunListParams { TaskName = name, Limit = limit }, ct);
        var logs = new List<PipelineRunLog>(runs.Count);
        foreach (var r in runs) logs.Add(new PipelineRunLog(View(r), (await store.RunListChildren(r.Id, ct)).Select(View).ToList()));
        return logs;
    }

    public async Task<PipelineRunLog> GetPipelineRunAsync(long runId, CancellationToken ct)
    {
        var run = await store.RunGet(runId, ct) ?? throw RunCommands.NotFound(runId);
        return new PipelineRunLog(View(run), (await store.RunListChildren(runId, ct)).Select(View).ToList());
    }
}
