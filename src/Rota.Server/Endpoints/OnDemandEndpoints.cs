using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using Rota.Runs;
using Rota.Scheduling;
using Rota.Server.Auth;
using Rota.Server.Hosting;
using Rota.Server.Problems;
using Rota.Storage;

namespace Rota.Server.Endpoints;

/// <summary>Seed 002's routes: <c>GET /api/v1/tasks/scheduler/status</c>, <c>GET /api/v1/tasks/worker/status</c> and the
/// on-demand <c>POST /api/v1/tasks/sync|analyze|pipeline</c> (admins; one on-demand run at a time — 409 naming the
/// running run otherwise; 5 per hour per user — 429 with Retry-After). Ranges: backfill_days 1–365, batch_size 1–10000.</summary>
public static class OnDemandEndpoints
{
    public const int MaxBackfillDays = 365;
    public const int MaxBatchSize = 10_000;
    // Check-then-insert of "one on-demand run at a time" must not interleave between two requests of this node.
    private static readonly SemaphoreSlim Gate = new(1, 1);

    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/tasks").WithTags("Seed 002 tasks");
        g.MapGet("/scheduler/status", SchedulerStatus).WithName("OnDemandSchedulerStatus");
        g.MapGet("/worker/status", WorkerStatus).WithName("OnDemandWorkerStatus");
        g.MapPost("/sync", (HttpContext http, RotaEngine engine, IOptions<RotaServerOptions> o, Auditor a) => Trigger("sync", http, engine, o.Value, a))
            .WithName("OnDemandSync").RequireRateLimiting(RateLimits.OnDemand);
        g.MapPost("/analyze", (HttpContext http, RotaEngine engine, IOptions<RotaServerOptions> o, Auditor a) => Trigger("analyze", http, engine, o.Value, a))
            .WithName("OnDemandAnalyze").RequireRateLimiting(RateLimits.OnDemand);
        g.MapPost("/pipeline", (HttpContext http, RotaEngine engine, IOptions<RotaServerOptions> o, Auditor a) => Trigger("pipeline", http, engine, o.Value, a))
            .WithName("OnDemandPipeline").RequireRateLimiting(RateLimits.OnDemand);
    }

    private static async Task<IResult> SchedulerStatus(HttpContext http, IRotaStore store)
    {
        var tasks = (await store.TaskList(new TaskListParams(http.Caller().OwnerScope, Enabled: true), http.RequestAborted)).ToDictionary(t => t.Id);
        var jobs = (await store.ScheduleList(new ScheduleListParams(), http.RequestAborted))
            .Where(s => tasks.ContainsKey(s.TaskId) && s.Definition.Enabled && s.NextFireAt is not null)
            .OrderBy(s => s.NextFireAt)
            .Select(s => new
            {
                id = s.Name == "default" ? tasks[s.TaskId].Name : $"{tasks[s.TaskId].Name}:{s.Name}",
                name = tasks[s.TaskId].Definition.Description ?? tasks[s.TaskId].Name,
                next_run = s.NextFireAt,
                trigger = string.Join(" | ", s.Definition.Specs.Select(Trigger)) + (s.Definition.TimeZone == "UTC" ? "" : $" ({s.Definition.TimeZone})"),
            });
        return Results.Ok(jobs);
    }

    private static string Trigger(TriggerSpec spec) => spec.Kind switch
    {
        TriggerKind.Cron => $"cron[{spec.Cron}]",
        TriggerKind.Every => $"interval[{spec.Interval:c}]",
        TriggerKind.AfterCompletion => $"after_completion[{spec.Interval:c}]",
        _ => $"date[{spec.At:O}]",
    };

    private static async Task<IResult> WorkerStatus(HttpContext http, IRotaStore store, IOptions<RotaServerOptions> options)
    {
        var runs = new List<RunRecord>();
        foreach (var name in options.Value.OnDemandTasks.Values.Distinct())
        {
            var task = await store.TaskGet(name, http.RequestAborted);
            if (task is null || !http.Caller().Owns(task.Definition.Owner)) continue;
            runs.AddRange(await store.RunList(new RunListParams { TaskName = name, Trigger = RunTrigger.Api, Limit = 20 }, http.RequestAborted));
        }
        runs.Sort((a, b) => b.Id.CompareTo(a.Id));
        var latest = runs.FirstOrDefault();
        var lastFinished = runs.FirstOrDefault(r => r.Status.IsTerminal());
        var running = latest is { Status: RunStatus.Running or RunStatus.Available or RunStatus.Scheduled };
        return Results.Ok(new
        {
            status = latest is null ? "idle" : running ? "running" : latest.Status == RunStatus.Succeeded ? "completed" : latest.Status.IsFailure() ? "failed" : TextNames.Of(latest.Status),
            progress = latest is null ? null : latest.ProgressText ?? (latest.Progress is { } p ? $"{p}%" : null),
            is_running = running,
            started_at = latest?.StartedAt,
            completed_at = latest?.EndedAt,
            last_result = lastFinished?.Stats,
            last_error = lastFinished?.Error?.Message,
            run_id = latest?.Id,
            task = latest?.TaskName,
        });
    }

    private static async Task<IResult> Trigger(string action, HttpContext http, RotaEngine engine, RotaServerOptions options, Auditor audit)
    {
        http.Caller().RequireAdmin($"on-demand {action}");
        var body = (await JsonBody.ReadAsync(http)).Allow(action switch { "sync" => ["backfill_days"], "analyze" => ["batch_size"], _ => ["backfill_days", "batch_size"] });
        var parameters = new JsonObject();
        if (body.Int("backfill_days", 1, MaxBackfillDays) is { } days) parameters["backfill_days"] = days;
        if (body.Int("batch_size", 1, MaxBatchSize) is { } size) parameters["batch_size"] = size;
        var taskName = options.OnDemandTasks[action];
        if (await engine.Store.TaskGet(taskName, http.RequestAborted) is null)
            throw new ApiProblem(404, "task.not_found", $"task: on-demand '{action}' runs the task '{taskName}', which does not exist; define it in rota.yaml");
        await Gate.WaitAsync(http.RequestAborted);
        try
        {
            return await TriggerExclusiveAsync(action, taskName, parameters, http, engine, options, audit);
        }
        finally
        {
            Gate.Release();
        }
    }

    private static async Task<IResult> TriggerExclusiveAsync(string action, string taskName, JsonObject parameters, HttpContext http, RotaEngine engine,
        RotaServerOptions options, Auditor audit)
    {
        foreach (var name in options.OnDemandTasks.Values.Distinct())
        {
            var task = await engine.Store.TaskGet(name, http.RequestAborted);
            if (task is null) continue;
            var active = await engine.Store.RunActiveList(new RunActiveListParams(task.Id), http.RequestAborted);
            if (active.FirstOrDefault(r => r.Trigger == RunTrigger.Api) is { } busy)
                throw new ApiProblem(409, "run.on_demand_busy", $"tasks: an on-demand run is already {TextNames.Of(busy.Status)} (run {busy.Id}, task '{busy.TaskName}'); wait for it to finish")
                {
                    Extensions = new Dictionary<string, object?> { ["running_run_id"] = busy.Id },
                };
        }
        var result = await engine.Client.TriggerAsync(new TriggerRequest(taskName, parameters, $"api:{http.Caller().Name}", IgnoreOverlap: true, Trigger: RunTrigger.Api), http.RequestAborted);
        await audit.RecordAsync(http, "task." + action, "task:" + taskName, new JsonObject { ["run_id"] = result.RunId, ["parameters"] = parameters.DeepClone() });
        return Results.Accepted($"/api/v1/runs/{result.RunId}", new { message = $"{action} started", run_id = result.RunId, task = taskName, parameters });
    }
}
