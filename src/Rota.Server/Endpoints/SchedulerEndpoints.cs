using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Rota.Runs;
using Rota.Server.Auth;
using Rota.Server.Hosting;
using Rota.Server.Problems;
using Rota.Storage;

namespace Rota.Server.Endpoints;

/// <summary>Seed 004's admin routes, kept field-for-field: <c>/api/v1/scheduler/tasks</c>, <c>…/tasks/{id}/toggle</c>,
/// <c>…/tasks/{name}/run</c>, <c>…/runs</c>, <c>…/stats</c>. Statuses use the seed's words (success / failure / running).
/// Shapes are documented in docs/api.md.</summary>
public static class SchedulerEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/scheduler").WithTags("Seed 004 scheduler");
        g.MapGet("/tasks", Tasks).WithName("SchedulerListTasks");
        g.MapPost("/tasks/{id:long}/toggle", Toggle).WithName("SchedulerToggleTask");
        g.MapPost("/tasks/{name}/run", Run).WithName("SchedulerRunTask").RequireRateLimiting(RateLimits.Trigger);
        g.MapGet("/runs", Runs).WithName("SchedulerListRuns");
        g.MapGet("/stats", Stats).WithName("SchedulerStats");
    }

    /// <summary>Seed 004's words for run outcomes.</summary>
    public static string SeedStatus(RunStatus s) => s switch
    {
        RunStatus.Succeeded => "success",
        RunStatus.Failed or RunStatus.TimedOut or RunStatus.Abandoned => "failure",
        _ => TextNames.Of(s),
    };

    private static async Task<IResult> Tasks(HttpContext http, IRotaStore store)
    {
        http.Caller().RequireAdmin("the scheduler admin API");
        var tasks = await store.TaskList(new TaskListParams(), http.RequestAborted);
        var schedules = (await store.ScheduleList(new ScheduleListParams(), http.RequestAborted)).ToLookup(s => s.TaskId);
        return Results.Ok(new { tasks = tasks.Select(t => TaskJson(t, schedules[t.Id].ToList())), count = tasks.Count });
    }

    private static object TaskJson(TaskRow t, IReadOnlyList<ScheduleRow> schedules) => new
    {
        id = t.Id,
        name = t.Name,
        description = t.Definition.Description,
        handler = t.Definition.Handler,
        schedule = string.Join(" | ", schedules.SelectMany(s => s.Definition.Specs.Select(x => x.Kind == Scheduling.TriggerKind.Cron ? x.Cron : x.ToString()))),
        enabled = t.Definition.Enabled,
        last_run_at = t.LastRunAt,
        last_run_status = t.LastStatus is { } s ? SeedStatus(s) : null,
        next_run_at = t.Definition.Enabled ? schedules.Where(s => s.Definition.Enabled).Min(s => s.NextFireAt) : null,
        created_at = t.CreatedAt,
        updated_at = t.UpdatedAt,
    };

    private static async Task<IResult> Toggle(long id, HttpContext http, RotaEngine engine, Auditor audit, Live.EventHub events)
    {
        http.Caller().RequireAdmin("the scheduler admin API");
        var body = (await JsonBody.ReadAsync(http)).Allow("enabled", "reason");
        var task = await engine.Store.TaskGetById(id, http.RequestAborted) ?? throw ApiProblem.NotFound("task", id.ToString(CultureInfo.InvariantCulture));
        var enable = body.Bool("enabled") ?? !task.Definition.Enabled;
        if (enable) await engine.Client.ResumeAsync(task.Name, http.RequestAborted);
        else await engine.Client.PauseAsync(task.Name, body.String("reason", maxLength: 500) ?? $"disabled by {http.Caller().Name}", null, http.RequestAborted);
        await audit.RecordAsync(http, enable ? "task.enable" : "task.disable", "task:" + task.Name);
        events.Publish("task.toggled", task.Definition.Owner, new JsonObject { ["task"] = task.Name, ["enabled"] = enable, ["by"] = http.Caller().Name });
        var row = (await engine.Store.TaskGetById(id, http.RequestAborted))!;
        return Results.Ok(new { task = TaskJson(row, await engine.Store.ScheduleList(new ScheduleListParams(id), http.RequestAborted)) });
    }

    private static async Task<IResult> Run(string name, HttpContext http, RotaEngine engine, Auditor audit)
    {
        http.Caller().RequireAdmin("the scheduler admin API");
        var body = (await JsonBody.ReadAsync(http)).Allow("parameters");
        var task = await engine.Store.TaskGet(name, http.RequestAborted)
            ?? (long.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? await engine.Store.TaskGetById(id, http.RequestAborted) : null)
            ?? throw ApiProblem.NotFound("task", name);
        var result = await engine.Client.TriggerAsync(new TriggerRequest(task.Name, body.Object("parameters"), $"api:{http.Caller().Name}", IgnoreOverlap: false, Trigger: RunTrigger.Api), http.RequestAborted);
        if (result.Status == RunStatus.Skipped)
            throw new ApiProblem(409, "run.overlap", $"task: '{task.Name}' already has an active run ({result.ConflictingRunId})")
            {
                Extensions = new Dictionary<string, object?> { ["run_id"] = result.RunId, ["conflicting_run_id"] = result.ConflictingRunId },
            };
        await audit.RecordAsync(http, "task.run", "task:" + task.Name, new JsonObject { ["run_id"] = result.RunId });
        return Results.Accepted($"/api/v1/runs/{result.RunId}", new { success = true, message = $"task '{task.Name}' queued", run_id = result.RunId, task = task.Name, status = TextNames.Of(result.Status) });
    }

    private static async Task<IResult> Runs(HttpContext http, IRotaStore store)
    {
        http.Caller().RequireAdmin("the scheduler admin API");
        var q = http.Request;
        string? taskName = null;
        if (Query.Long(q, "task_id") is { } taskId)
            taskName = (await store.TaskGetById(taskId, http.RequestAborted) ?? throw ApiProblem.Invalid("task_id", taskId.ToString(CultureInfo.InvariantCulture), "no such task")).Name;
        var status = Query.String(q, "status") switch
        {
            null => (RunStatus?)null,
            "success" => RunStatus.Succeeded,
            "failure" => RunStatus.Failed,
            "running" => RunStatus.Running,
            var other => throw ApiProblem.Malformed("status", other, "expected success, failure or running"),
        };
        var limit = Query.Int(q, "limit", 50, 1, 500);
        var runs = await store.RunList(new RunListParams { TaskName = taskName, Status = status, Limit = limit, BeforeId = Query.Long(q, "before_id") }, http.RequestAborted);
        return Results.Ok(new
        {
            runs = runs.Select(r => new
            {
                id = r.Id,
                task_id = r.TaskId,
                task_name = r.TaskName,
                status = SeedStatus(r.Status),
                started_at = r.StartedAt,
                finished_at = r.EndedAt,
                duration_ms = r.Duration?.TotalMilliseconds,
                error = r.Error?.Message,
                metadata = r.Stats,
            }),
            count = runs.Count,
        });
    }

    private static async Task<IResult> Stats(HttpContext http, IRotaStore store, TaskStatistics statistics)
    {
        http.Caller().RequireAdmin("the scheduler admin API");
        var tasks = await store.TaskList(new TaskListParams(), http.RequestAborted);
        var stats = await statistics.ForAsync(tasks, http.RequestAborted);
        var totals = TaskStatistics.Totals(tasks, stats);
        return Results.Ok(new
        {
            total_tasks = totals.Tasks,
            enabled_tasks = totals.Enabled,
            total_runs = totals.Runs,
            successful_runs = totals.Succeeded,
            failed_runs = totals.Failed,
            runs_last_24h = totals.Last24h,
            tasks = stats.Select(s => new { name = s.Task, last_run_at = s.LastRunAt, last_run_status = s.LastStatus is { } x && TextNames.TryParse<RunStatus>(x, out var st) ? SeedStatus(st) : null, success_rate = s.SuccessRate, p95_duration_ms = s.DurationMs.P95 }),
        });
    }
}
