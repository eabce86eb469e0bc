using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using Rota.Configuration;
using Rota.Pipelines;
using Rota.Server.Auth;
using Rota.Server.Hosting;
using Rota.Server.Problems;
using Rota.Server.Views;
using Rota.Storage;
using Rota.Tasks;

namespace Rota.Server.Endpoints;

/// <summary><c>/api/v1/pipelines</c>: define (every validation error listed), inspect as a graph, delete, run all or one
/// step, list runs. A pipeline is stored as a task, so it is owner-scoped exactly like tasks.</summary>
public static class PipelineEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/pipelines").WithTags("Pipelines");
        g.MapGet("", List).WithName("ListPipelines");
        g.MapPost("", Create).WithName("CreatePipeline");
        g.MapGet("/{name}", Get).WithName("GetPipeline");
        g.MapPut("/{name}", Replace).WithName("ReplacePipeline");
        g.MapDelete("/{name}", Delete).WithName("DeletePipeline");
        g.MapPost("/{name}/run", Run).WithName("RunPipeline").RequireRateLimiting(RateLimits.Trigger);
        g.MapGet("/{name}/runs", Runs).WithName("ListPipelineRuns");
    }

    private static async Task<IResult> List(HttpContext http, IRotaStore store)
    {
        var tasks = (await store.TaskList(new TaskListParams(http.Caller().OwnerScope), http.RequestAborted)).Where(t => PipelineTasks.IsPipeline(t.Definition)).ToList();
        var schedules = (await store.ScheduleList(new ScheduleListParams(), http.RequestAborted)).ToLookup(s => s.TaskId);
        return Results.Ok(new { pipelines = tasks.Select(t => PipelineView.From(t, schedules[t.Id].ToList())), count = tasks.Count });
    }

    private static async Task<IResult> Get(string name, HttpContext http, IRotaStore store) =>
        Results.Ok(await ViewAsync(store, await GetVisibleAsync(store, http, name), http.RequestAborted));

    private static async Task<IResult> Create(HttpContext http, RotaEngine engine, IOptions<RotaServerOptions> options, Auditor audit)
    {
        var p = await ReadAsync(http, engine, options.Value, routeName: null);
        if (await engine.Store.TaskGet(p.Name, http.RequestAborted) is not null)
            throw new ApiProblem(409, "pipeline.exists", $"pipeline: '{p.Name}' already exists as a task or pipeline", "name", p.Name);
        var row = await engine.Client.ApplyPipelineAsync(p, TaskOrigin.Api, http.RequestAborted);
        await audit.RecordAsync(http, "pipeline.create", "pipeline:" + p.Name);
        return Results.Created($"/api/v1/pipelines/{p.Name}", await ViewAsync(engine.Store, row, http.RequestAborted));
    }

    private static async Task<IResult> Replace(string name, HttpContext http, RotaEngine engine, IOptions<RotaServerOptions> options, Auditor audit)
    {
        var existing = await engine.Store.TaskGet(name, http.RequestAborted);
        if (existing is not null && (!http.Caller().Owns(existing.Definition.Owner) || !PipelineTasks.IsPipeline(existing.Definition)))
            throw existing is not null && http.Caller().Owns(existing.Definition.Owner)
                ? new ApiProblem(409, "pipeline.conflict", $"pipeline: '{name}' is a task, not a pipeline", "name", name)
                : ApiProblem.NotFound("pipeline", name);
        var p = await ReadAsync(http, engine, options.Value, routeName: name);
        if (existing is not null && (!http.Caller().IsAdmin || p.Owner is null)) p = p with { Owner = existing.Definition.Owner };
        var row = await engine.Client.ApplyPipelineAsync(p, TaskOrigin.Api, http.RequestAborted);
        await audit.RecordAsync(http, existing is null ? "pipeline.create" : "pipeline.update", "pipeline:" + name, new JsonObject { ["version"] = row.Version });
        var view = await ViewAsync(engine.Store, row, http.RequestAborted);
        return existing is null ? Results.Created($"/api/v1/pipelines/{name}", view) : Results.Ok(view);
    }

    private static async Task<IResult> Delete(string name, HttpContext http, RotaEngine engine, Auditor audit)
    {
        await GetVisibleAsync(engine.Store, http, name);
        await engine.Client.DeletePipelineAsync(name, http.RequestAborted);
        await audit.RecordAsync(http, "pipeline.delete", "pipeline:" + name);
        return Results.NoContent();
    }

    private static async Task<IResult> Run(string name, HttpContext http, RotaEngine engine, Auditor audit)
    {
        await GetVisibleAsync(engine.Store, http, name);
        var body = (await JsonBody.ReadAsync(http)).Allow("step", "parameters");
        var result = await engine.Client.RunPipelineAsync(name, body.String("step", maxLength: 100), body.Object("parameters"),
            $"api:{http.Caller().Name}", http.RequestAborted);
        if (!result.Duplicate) await audit.RecordAsync(http, "pipeline.run", "pipeline:" + name, new JsonObject { ["run_id"] = result.RunId });
        var payload = new { run_id = result.RunId, status = TextNames.Of(result.Status), reason = result.Reason, conflicting_run_id = result.ConflictingRunId };
        if (result.Status == Rota.Runs.RunStatus.Skipped)
            throw new ApiProblem(409, "run.overlap", $"pipeline: '{name}' already has an active run ({result.ConflictingRunId}); its overlap policy skipped this one")
            {
                Extensions = new Dictionary<string, object?> { ["run_id"] = result.RunId, ["conflicting_run_id"] = result.ConflictingRunId },
            };
        return Results.Accepted($"/api/v1/runs/{result.RunId}", payload);
    }

    private static async Task<IResult> Runs(string name, HttpContext http, IRotaStore store)
    {
        await GetVisibleAsync(store, http, name);
        var limit = Query.Int(http.Request, "limit", 20, 1, 100);
        var runs = await store.RunList(new RunListParams { TaskName = name, BeforeId = Query.Long(http.Request, "cursor"), Limit = limit }, http.RequestAborted);
        var views = new List<RunDetailView>(runs.Count);
        foreach (var r in runs)
            views.Add(new RunDetailView(RunView.From(r), [], null, (await store.RunListChildren(r.Id, http.RequestAborted)).Select(RunView.From).ToList()));
        return Results.Ok(new { runs = views, next_cursor = runs.Count == limit ? runs[^1].Id.ToString(System.Globalization.CultureInfo.InvariantCulture) : null });
    }

    /// <summary>A pipeline the caller may see; someone else's, a plain task or a missing one all answer 404.</summary>
    private static async Task<TaskRow> GetVisibleAsync(IRotaStore store, HttpContext http, string name)
    {
        var task = await store.TaskGet(name, http.RequestAborted);
        return task is not null && PipelineTasks.IsPipeline(task.Definition) && http.Caller().Owns(task.Definition.Owner)
            ? task : throw ApiProblem.NotFound("pipeline", name);
    }

    private static async Task<PipelineDefinition> ReadAsync(HttpContext http, RotaEngine engine, RotaServerOptions options, string? routeName) =>
        await PipelineInput.ValidateAsync(await JsonBody.ReadAsync(http), http.Caller(), routeName, engine, options, http.RequestAborted);

    private static async Task<PipelineView> ViewAsync(IRotaStore store, TaskRow task, CancellationToken ct) =>
        PipelineView.From(task, await store.ScheduleList(new ScheduleListParams(task.Id), ct));
}
