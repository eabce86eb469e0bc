using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Rota.Runs;
using Rota.Server.Auth;
using Rota.Server.Live;
using Rota.Storage;

namespace Rota.Server.Dashboard;

/// <summary>The dashboard's mutations (each reached only through a confirmation form): enable, disable and run a task; cancel
/// and retry a run. Same scoping, audit entries and live events as the API. Returns a message for the page's banner.</summary>
public sealed class DashboardActions(RotaEngine engine, DashboardReader reader, Auditor audit, EventHub events, DashboardTriggerLimiter limiter)
{
    public const string EnableTask = "task-enable";
    public const string DisableTask = "task-disable";
    public const string RunTask = "task-run";
    public const string CancelRun = "run-cancel";
    public const string RetryRun = "run-retry";
    public const string PauseQueue = "queue-pause";
    public const string ResumeQueue = "queue-resume";

    public static bool IsKnown(string? action) => action is EnableTask or DisableTask or RunTask or CancelRun or RetryRun or PauseQueue or ResumeQueue;

    public static bool IsQueueAction(string? action) => action is PauseQueue or ResumeQueue;

    private ActionOutcome RateLimited(string page) => limiter.Refusal(page);

    /// <summary>Pauses or resumes a queue (admins only; the page checks first). Null when the queue does not exist.</summary>
    public async Task<ActionOutcome?> PerformOnQueueAsync(HttpContext http, string action, string queue)
    {
        if (!http.Caller().IsAdmin) return new ActionOutcome("/queues", null, "Only admins may pause or resume queues.");
        var pause = action == PauseQueue;
        if (!await engine.Store.QueueSetPaused(new QueueSetPausedParams(queue, pause), http.RequestAborted)) return null;
        await audit.RecordAsync(http, pause ? "queue.pause" : "queue.resume", "queue:" + queue, new JsonObject { ["via"] = "dashboard" });
        return new ActionOutcome("/queues", $"Queue '{queue}' {(pause ? "paused" : "resumed")}.", null);
    }

    /// <summary>Performs <paramref name="action"/>; returns where to go next and the banner text, or null when the target is
    /// not visible to the caller (404).</summary>
    public async Task<ActionOutcome?> PerformAsync(HttpContext http, string action, string? taskName, long? runId, string? reason, JsonObject? parameters = null)
    {
        var caller = http.Caller();
        var ct = http.RequestAborted;
        if (action is EnableTask or DisableTask or RunTask)
        {
            var task = taskName is null ? null : await reader.TaskAsync(caller, taskName, ct);
            if (task is null) return null;
            var page = "/tasks/" + Uri.EscapeDataString(task.Name);
            if (action == RunTask)
            {
                if (!limiter.TryAcquire(caller)) return RateLimited(page);
                var result = await engine.Client.TriggerAsync(new TriggerRequest(task.Name, parameters, $"dashboard:{caller.Name}", Trigger: RunTrigger.Manual), ct);
                if (result.Status == RunStatus.Skipped)
                    return new ActionOutcome(page, null, $"Task '{task.Name}' already has an active run ({result.ConflictingRunId}); its overlap policy skipped this one.");
                await audit.RecordAsync(http, "task.run", "task:" + task.Name, new JsonObject { ["run_id"] = result.RunId, ["via"] = "dashboard" });
                return new ActionOutcome("/runs/" + result.RunId.ToString(CultureInfo.InvariantCulture), $"Run {result.RunId} of '{task.Name}' queued.", null);
            }
            var enable = action == EnableTask;
            var why = string.IsNullOrWhiteSpace(reason) ? $"disabled by {caller.Name}" : reason.Trim()[..Math.Min(500, reason.Trim().Length)];
            if (enable) await engine.Client.ResumeAsync(task.Name, ct);
            else await engine.Client.PauseAsync(task.Name, why, null, ct);
            var detail = new JsonObject { ["via"] = "dashboard" };
            if (!enable) detail["reason"] = why;
            await audit.RecordAsync(http, enable ? "task.enable" : "task.disable", "task:" + task.Name, detail);
            events.Publish("task.toggled", task.Definition.Owner, new JsonObject { ["task"] = task.Name, ["enabled"] = enable, ["by"] = caller.Name });
            return new ActionOutcome(page, $"Task '{task.Name}' {(enable ? "enabled" : "disabled")}.", null);
        }
        var run = runId is { } id ? await reader.RunAsync(caller, id, ct) : null;
        if (run is null) return null;
        var runPage = "/runs/" + run.Id.ToString(CultureInfo.InvariantCulture);
        if (action == CancelRun)
        {
            var result = await engine.Client.CancelRunAsync(run.Id, $"cancelled by {caller.Name}", ct);
            if (result.Outcome == RunCancelOutcome.AlreadyFinished)
                return new ActionOutcome(runPage, null, $"Run {run.Id} already finished; nothing to cancel.");
            await audit.RecordAsync(http, "run.cancel", $"run:{run.Id}", new JsonObject { ["via"] = "dashboard" });
            return new ActionOutcome(runPage, $"Cancellation of run {run.Id} requested.", null);
        }
        if (run.Status.IsTerminal() && !limiter.TryAcquire(caller)) return RateLimited(runPage);
        if (!run.Status.IsTerminal()) return new ActionOutcome(runPage, null, $"Run {run.Id} is still {TextNames.Of(run.Status)}; only a finished run can be retried.");
        var retry = await engine.Client.TriggerAsync(new TriggerRequest(run.TaskName, run.Parameters, $"retry-of:{run.Id} by dashboard:{caller.Name}", Trigger: RunTrigger.Retry), ct);
        await audit.RecordAsync(http, "run.retry", $"run:{run.Id}", new JsonObject { ["new_run_id"] = retry.RunId, ["via"] = "dashboard" });
        return new ActionOutcome("/runs/" + retry.RunId.ToString(CultureInfo.InvariantCulture), $"Retry of run {run.Id} queued as run {retry.RunId}.", null);
    }
}
