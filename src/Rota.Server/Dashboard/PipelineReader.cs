using Rota.Pipelines;
using Rota.Runs;
using Rota.Server.Auth;
using Rota.Server.Views;
using Rota.Storage;

namespace Rota.Server.Dashboard;

/// <summary>The dashboard's pipeline reads, scoped like <c>/api/v1/pipelines</c>: a pipeline is a task with handler
/// <c>pipeline</c>; someone else's (for a user), a plain task or a missing one reads as null (the page answers 404).</summary>
public sealed class PipelineReader(IRotaStore store)
{
    public async Task<IReadOnlyList<PipelineView>> ListAsync(Caller caller, CancellationToken ct)
    {
        var tasks = (await store.TaskList(new TaskListParams(caller.OwnerScope), ct)).Where(t => PipelineTasks.IsPipeline(t.Definition)).ToList();
        var schedules = (await store.ScheduleList(new ScheduleListParams(), ct)).ToLookup(s => s.TaskId);
        return [.. tasks.Select(t => PipelineView.From(t, schedules[t.Id].ToList())).OrderBy(p => p.Name, StringComparer.OrdinalIgnoreCase)];
    }

    public async Task<TaskRow?> TaskAsync(Caller caller, string name, CancellationToken ct) =>
        await store.TaskGet(name, ct) is { } task && PipelineTasks.IsPipeline(task.Definition) && caller.Owns(task.Definition.Owner) ? task : null;

    public async Task<PipelineView?> PipelineAsync(Caller caller, string name, CancellationToken ct) =>
        await TaskAsync(caller, name, ct) is { } task ? PipelineView.From(task, await store.ScheduleList(new ScheduleListParams(task.Id), ct)) : null;

    public async Task<IReadOnlyList<Rota.Scheduling.ScheduleDefinition>> SchedulesAsync(TaskRow task, CancellationToken ct) =>
        [.. (await store.ScheduleList(new ScheduleListParams(task.Id), ct)).Select(s => s.Definition)];

    /// <summary>The newest runs of the pipeline, each with its step runs (children), like <c>GET /api/v1/pipelines/{name}/runs</c>.</summary>
    public async Task<IReadOnlyList<(RunRecord Run, IReadOnlyList<RunRecord> Steps)>> RunsAsync(string name, int limit, CancellationToken ct)
    {
        var runs = await store.RunList(new RunListParams { TaskName = name, Limit = limit }, ct);
        var result = new List<(RunRecord, IReadOnlyList<RunRecord>)>(runs.Count);
        foreach (var r in runs) result.Add((r, await store.RunListChildren(r.Id, ct)));
        return result;
    }
}
