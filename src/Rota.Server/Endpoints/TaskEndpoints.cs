using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using Rota.Configuration;
using Rota.Runs;
using Rota.Scheduling;
using Rota.Server.Auth;
using Rota.Server.Hosting;
using Rota.Server.Live;
using Rota.Server.Problems;
using Rota.Server.Views;
using Rota.Storage;
using Rota.Tasks;

namespace Rota.Server.Endpoints;

/// <summary><c>/api/v1/tasks</c>: CRUD, enable/disable with a reason, run now, next fire times. Users see their own tasks.</summary>
public static class TaskEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/tasks").WithTags("Tasks");
        g.MapGet("", List).WithName("ListTasks");
        g.MapPost("", Create).WithName("CreateTask");
        g.MapGet("/{name}", Get).WithName("GetTask");
        g.MapPut("/{name}", Replace).WithName("ReplaceTask");
        g.MapDelete("/{name}", Delete).WithName("DeleteTask");
        g.MapPost("/{name}/enable", Enable).WithName("EnableTask");
        g.MapPost("/{name}/disable", Disable).WithName("DisableTask");
        g.MapPost("/{name}/runs", RunNow).WithName("RunTaskNow").RequireRateLimiting(RateLimits.Trigger);
        g.MapGet("/{name}/next", Next).WithName("NextFireTimes");
        g.MapGet("/{name}/definition", Definition).WithName("GetTaskDefinition");
    }

    private static async Task<IResult> List(HttpContext http, IRotaStore store)
    {
        var caller = http.Caller();
        var owner = Query.String(http.Request, "owner");
        if (owner is not null && !caller.Owns(owner)) throw ApiProblem.Forbidden("auth: only admins may list another user's tasks");
        var tasks = await store.TaskList(new TaskListParams(owner ?? caller.OwnerScope, Query.Bool(http.Request, "enabled")), http.RequestAborted);
        var schedules = (await store.ScheduleList(new ScheduleListParams(), http.RequestAborted)).ToLookup(s => s.TaskId);
        return Results.Ok(new { tasks = tasks.Select(t => TaskView.From(t, schedules[t.Id].ToList())), count = tasks.Count });
    }

    private static async Task<IResult> Get(string name, HttpContext http, IRotaStore store) =>
        Results.Ok(await ViewAsync(store, await TaskAccess.GetVisibleAsync(store, http, name), http.RequestAborted));

    private static async Task<IResult> Create(HttpContext http, RotaEngine engine, IOptions<RotaServerOptions> options, Auditor audit)
    {
        var def = await ReadDefinitionAsync(http, engine, options.Value, routeName: null);
        if (await engine.Store.TaskGet(def.Name, http.RequestAborted) is { } existing)
            throw new ApiProblem(409, "task.exists", $"task: '{def.Name}' already exists{(http.Caller().Owns(existing.Definition.Owner) ? "; use PUT /api/v1/tasks/" + def.Name + " to change it" : "")}", "name", def.Name);
        var row = await engine.Client.ApplyAsync(def, http.RequestAborted);
        await audit.RecordAsync(http, "task.create", "task:" + def.Name);
        return Results.Created($"/api/v1/tasks/{def.Name}", await ViewAsync(engine.Store, row, http.RequestAborted));
    }

    private static async Task<IResult> Replace(string name, HttpContext http, RotaEngine engine, IOptions<RotaServerOptions> options, Auditor audit)
    {
        var existing = await TaskAccess.GetVisibleAsync(engine.Store, http, name);
        var def = await ReadDefinitionAsync(http, engine, options.Value, routeName: name);
        // Users never change the owner; an admin changes it only by naming one (a body without "owner" keeps it).
        if (!http.Caller().IsAdmin || def.Owner is null) def = def with { Owner = existing.Definition.Owner };
        var row = await engine.Client.ApplyAsync(def, http.RequestAborted);
        await audit.RecordAsync(http, "task.update", "task:" + name, new JsonObject { ["version"] = row.Version });
        return Results.Ok(await ViewAsync(engine.Store, row, http.RequestAborted));
    }

    private static async Task<IResult> Delete(string name, HttpContext http, IRotaStore store, Auditor audit)
    {
        await TaskAccess.GetVisibleAsync(store, http, name);
        await store.TaskDelete(name, http.RequestAborted);
        await audit.RecordAsync(http, "task.delete", "task:" + name);
        return Results.NoContent();
    }

    private static async Task<IResult> Enable(string name, HttpContext http, RotaEngine engine, Auditor audit, EventHub hub)
    {
        var task = await TaskAccess.GetVisibleAsync(engine.Store, http, name);
        (await JsonBody.ReadAsync(http)).Allow();
        await engine.Client.ResumeAsync(name, http.RequestAborted);
        await audit.RecordAsync(http, "task.enable", "task:" + name);
        hub.Publish("task.toggled", task.Definition.Owner, new JsonObject { ["task"] = name, ["enabled"] = true, ["by"] = http.Caller().Name });
        return Results.Ok(await ViewAsync(engine.Store, (await engine.Store.TaskGet(name, http.RequestAborted))!, http.RequestAborted));
    }

    private static async Task<IResult> Disable(string name, HttpContext http, RotaEngine engine, Auditor audit, TimeProvider time, EventHub hub)
    {
        var task = await TaskAccess.GetVisibleAsync(engine.Store, http, name);
        var body = (await JsonBody.ReadAsync(http)).Allow("reason", "until");
        var reason = body.String("reason", maxLength: 500) ?? $"disabled by {http.Caller().Name}";
        var until = body.Instant("until");
        if (until is { } u && u <= time.GetUtcNow()) throw ApiProblem.Invalid("until", u.ToString("O"), "must be in the future");
        await engine.Client.PauseAsync(name, reason, until, http.RequestAborted);
        await audit.RecordAsync(http, "task.disable", "task:" + name, new JsonObject { ["reason"] = reason, ["until"] = until?.ToString("O") });
        hub.Publish("task.toggled", task.Definition.Owner, new JsonObject
        {
            ["task"] = name, ["enabled"] = false, ["reason"] = reason, ["until"] = until?.ToString("O"), ["by"] = http.Caller().Name,
        });
        return Results.Ok(await ViewAsync(engine.Store, (await engine.Store.TaskGet(name, http.RequestAborted))!, http.RequestAborted));
    }

    private static async Task<IResult> RunNow(string name, HttpContext http, RotaEngine engine, Auditor audit, TimeProvider time)
    {
        await TaskAccess.GetVisibleAsync(engine.Store, http, name);
        var body = (await JsonBody.ReadAsync(http)).Allow("parameters", "idempotency_key", "run_at", "ignore_overlap");
        var runAt = body.Instant("run_at");
        if (runAt is { } at && at > time.GetUtcNow().AddYears(1)) throw ApiProblem.Invalid("run_at", at.ToString("O"), "must be within one year");
        var result = await engine.Client.TriggerAsync(new TriggerRequest(name, body.Object("parameters"), $"api:{http.Caller().Name}",
            body.String("idempotency_key", maxLength: 200), body.Bool("ignore_overlap") ?? false, RunTrigger.Api, runAt), http.RequestAborted);
        if (!result.Duplicate) await audit.RecordAsync(http, "task.run", "task:" + name, new JsonObject { ["run_id"] = result.RunId });
        var payload = new { run_id = result.RunId, status = TextNames.Of(result.Status), reason = result.Reason, duplicate = result.Duplicate, conflicting_run_id = result.ConflictingRunId };
        if (result.Status == RunStatus.Skipped)
            throw new ApiProblem(409, "run.overlap", $"task: '{name}' already has an active run ({result.ConflictingRunId}); its overlap policy skipped this one")
            {
                Extensions = new Dictionary<string, object?> { ["run_id"] = result.RunId, ["conflicting_run_id"] = result.ConflictingRunId },
            };
        return result.Duplicate ? Results.Ok(payload) : Results.Accepted($"/api/v1/runs/{result.RunId}", payload);
    }

    private static async Task<IResult> Next(string name, HttpContext http, IRotaStore store, TimeProvider time)
    {
        var task = await TaskAccess.GetVisibleAsync(store, http, name);
        var count = Query.Int(http.Request, "count", 10, 1, 100);
        var from = Query.Instant(http.Request, "from") ?? time.GetUtcNow();
        var schedules = await store.ScheduleList(new ScheduleListParams(task.Id), http.RequestAborted);
        var fires = schedules.Where(s => s.Definition.Enabled)
            .SelectMany(s => FirePreview.Next(s.Definition, task.Name, from, count).Select(f => new { schedule = s.Name, utc = f.Utc, local = f.Local, note = f.Note }))
            .OrderBy(f => f.utc).Take(count).ToList();
        return Results.Ok(new { task = name, enabled = task.Definition.Enabled, fires });
    }

    /// <summary>The task as the document POST/PUT and rota.yaml accept (every schedule and policy): what an editor loads
    /// and what <c>PUT /api/v1/tasks/{name}</c> takes back unchanged.</summary>
    private static async Task<IResult> Definition(string name, HttpContext http, IRotaStore store)
    {
        var task = await TaskAccess.GetVisibleAsync(store, http, name);
        var schedules = await store.ScheduleList(new ScheduleListParams(task.Id), http.RequestAborted);
        return Results.Ok(TaskDocument.From(task.Definition, schedules.Select(s => s.Definition)));
    }

    private static async Task<TaskDefinition> ReadDefinitionAsync(HttpContext http, RotaEngine engine, RotaServerOptions options, string? routeName)
    {
        var caller = http.Caller();
        var body = await JsonBody.ReadAsync(http);
        if (routeName is not null && !body.Root.ContainsKey("name")) body.Root["name"] = routeName;
        // Shape errors (unknown member, missing or mistyped name/handler) are 400 like every other endpoint; the
        // configuration reader then reports invalid values as 422, listing every one.
        body.Allow(TaskConfigReader.Keys);
        body.String("name", required: true, maxLength: 100);
        body.String("handler", required: true, maxLength: 100);
        var def = ConfigLoader.ParseTask(body.Root.ToJsonString(), "body", engine.HandlerKinds.ToHashSet(), TaskOrigin.Api);
        if (routeName is not null && def.Name != routeName) throw ApiProblem.Invalid("name", def.Name, $"must match the task in the URL ('{routeName}'); tasks are not renamed");
        if (def.Owner is { } owner && !caller.Owns(owner)) throw ApiProblem.Forbidden($"auth: only admins may create tasks owned by another user ('{owner}')");
        if (def.Owner is null && !caller.IsAdmin) def = def with { Owner = caller.Name };
        if (def.DependsOn.Count > 0) await CheckDependenciesAsync(engine.Store, http, def);
        if (def.Handler == "command" && !(options.AllowCommandTasks && caller.IsAdmin))
            throw new ApiProblem(403, "task.command_not_allowed", options.AllowCommandTasks
                ? "task: only admins may create command tasks"
                : "task: command tasks are not allowed through the API; define them in rota.yaml, or start the server with --allow-command-tasks", "handler", "command");
        return def;
    }

    private static async Task CheckDependenciesAsync(IRotaStore store, HttpContext http, TaskDefinition def)
    {
        var errors = await TaskDependencyCheck.ProblemsAsync(store, http.Caller(), def, http.RequestAborted);
        if (errors.Count > 0) throw new ConfigValidationException("body", errors);
    }

    internal static async Task<TaskView> ViewAsync(IRotaStore store, TaskRow task, CancellationToken ct) =>
        TaskView.From(task, await store.ScheduleList(new ScheduleListParams(task.Id), ct));
}
