using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Rota.Runs;
using Rota.Server.Auth;
using Rota.Server.Hosting;
using Rota.Server.Problems;
using Rota.Server.Views;
using Rota.Storage;

namespace Rota.Server.Endpoints;

/// <summary><c>/api/v1/runs</c>: filtered, cursor-paginated history; detail with attempts and logs; cancel; retry.</summary>
public static class RunEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/runs").WithTags("Runs");
        g.MapGet("", List).WithName("ListRuns");
        g.MapGet("/{id:long}", Get).WithName("GetRun");
        g.MapGet("/{id:long}/logs", Logs).WithName("GetRunLogs");
        g.MapPost("/{id:long}/cancel", Cancel).WithName("CancelRun");
        g.MapPost("/{id:long}/retry", Retry).WithName("RetryRun").RequireRateLimiting(RateLimits.Trigger);
    }

    private static async Task<IResult> List(HttpContext http, IRotaStore store)
    {
        var caller = http.Caller();
        var q = http.Request;
        var owner = Query.String(q, "owner");
        if (owner is not null && !caller.Owns(owner)) throw ApiProblem.Forbidden("auth: only admins may list another user's runs");
        var limit = Query.Int(q, "limit", 50, 1, 500);
        var from = Query.Instant(q, "from");
        var to = Query.Instant(q, "to");
        if (from is { } f && to is { } t && t <= f) throw ApiProblem.Invalid("to", Query.String(q, "to"), "must be after 'from'");
        var runs = await store.RunList(new RunListParams
        {
            TaskName = Query.String(q, "task"),
            Owner = owner ?? caller.OwnerScope,
            Status = Query.Enum<RunStatus>(q, "status"),
            Trigger = Query.Enum<RunTrigger>(q, "trigger"),
            From = from,
            To = to,
            BeforeId = Query.Long(q, "cursor"),
            Limit = limit,
        }, http.RequestAborted);
        return new RunPageResult(runs, runs.Count == limit ? runs[^1].Id.ToString(System.Globalization.CultureInfo.InvariantCulture) : null);
    }

    private static async Task<IResult> Get(long id, HttpContext http, IRotaStore store)
    {
        var run = await GetVisibleAsync(store, http, id);
        var attempts = await store.RunAttemptList(id, http.RequestAborted);
        var steps = await store.RunListChildren(id, http.RequestAborted);
        return Results.Ok(new RunDetailView(RunView.From(run), attempts.Select(AttemptView.From).ToList(), run.Logs,
            steps.Count == 0 ? null : steps.Select(RunView.From).ToList()));
    }

    private static async Task<IResult> Logs(long id, HttpContext http, IRotaStore store) =>
        Results.Text((await GetVisibleAsync(store, http, id)).Logs ?? "", "text/plain; charset=utf-8");

    private static async Task<IResult> Cancel(long id, HttpContext http, RotaEngine engine, Auditor audit)
    {
        await GetVisibleAsync(engine.Store, http, id);
        var body = (await JsonBody.ReadAsync(http)).Allow("reason");
        var reason = body.String("reason", maxLength: 500) ?? $"cancelled by {http.Caller().Name}";
        var result = await engine.Client.CancelRunAsync(id, reason, http.RequestAborted);
        if (result.Outcome == Storage.RunCancelOutcome.AlreadyFinished)
            throw new ApiProblem(409, "run.already_finished", $"run: {id} already finished ({(result.Status is { } s ? TextNames.Of(s) : "?")})");
        await audit.RecordAsync(http, "run.cancel", $"run:{id}", new JsonObject { ["reason"] = reason });
        return Results.Accepted($"/api/v1/runs/{id}", new { run_id = id, outcome = TextNames.Of(result.Outcome), status = result.Status is { } st ? TextNames.Of(st) : null });
    }

    private static async Task<IResult> Retry(long id, HttpContext http, RotaEngine engine, Auditor audit)
    {
        var run = await GetVisibleAsync(engine.Store, http, id);
        (await JsonBody.ReadAsync(http)).Allow();
        if (!run.Status.IsTerminal())
            throw new ApiProblem(409, "run.not_finished", $"run: {id} is {TextNames.Of(run.Status)}; only a finished run can be retried");
        var result = await engine.Client.TriggerAsync(new TriggerRequest(run.TaskName, run.Parameters, $"retry-of:{id} by api:{http.Caller().Name}",
            Trigger: RunTrigger.Retry), http.RequestAborted);
        await audit.RecordAsync(http, "run.retry", $"run:{id}", new JsonObject { ["new_run_id"] = result.RunId });
        return Results.Accepted($"/api/v1/runs/{result.RunId}", new { run_id = result.RunId, retry_of = id, status = TextNames.Of(result.Status), reason = result.Reason });
    }

    internal static async Task<RunRecord> GetVisibleAsync(IRotaStore store, HttpContext http, long id)
    {
        var run = await store.RunGet(id, http.RequestAborted) ?? throw ApiProblem.NotFound("run", id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (http.Caller().IsAdmin) return run;
        var task = await store.TaskGetById(run.TaskId, http.RequestAborted);
        return task is not null && http.Caller().Owns(task.Definition.Owner) ? run : throw ApiProblem.NotFound("run", id.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }
}

public sealed record RunPage(IReadOnlyList<RunView> Runs, string? NextCursor);
