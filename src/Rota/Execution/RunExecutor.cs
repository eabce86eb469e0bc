using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Rota.Runs;
using Rota.Storage;
using Rota.Tasks;

namespace Rota.Execution;

/// <summary>
/// Runs one attempt of a claimed run: resolves the handler, applies the timeout, maps the outcome or exception to a
/// completion (retry with backoff, snooze, cancel, time out) and hands it to the completer.
/// </summary>
internal sealed partial class RunExecutor(
    HandlerRegistry handlers,
    IServiceProvider services,
    TimeProvider time,
    RunCompleter completer,
    ILogger logger)
{
    /// <summary>Executes the attempt; never throws (everything becomes a completion).</summary>
    public async Task<RunCompletion> ExecuteAsync(RunRecord run, TaskDefinition task, CancellationToken runToken, Func<string?> stopReason)
    {
        using var timeout = task.Timeout is { } t ? new CancellationTokenSource(t, time) : new CancellationTokenSource();
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(runToken, timeout.Token);
        var parameters = Merge(task.Parameters, run.Parameters);
        var context = new TaskContext(run, task, parameters, services, time, linked.Token,
            (p, text) => completer.Progress(run.Id, p, text));
        TaskOutcome outcome;
        try
        {
            // One DI scope per attempt, like a request scope, when the host provides scopes.
            var scopes = services.GetService<IServiceScopeFactory>();
            await using var scope = scopes?.CreateAsyncScope();
            var handler = handlers.Create(task.Handler, scope?.ServiceProvider ?? services);
            outcome = await handler.ExecuteAsync(context).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            var error = new RunError("run.timed_out", $"run: attempt {run.Attempt} of '{task.Name}' exceeded its timeout of {task.Timeout}", IsTransient: true);
            return Failure(run, task, context, error, RunStatus.TimedOut, stats: null);
        }
        catch (OperationCanceledException) when (runToken.IsCancellationRequested)
        {
            var reason = stopReason();
            if (reason is null)
            {
                // Shutdown: put the run back without spending an attempt so the next start runs it.
                return Completion(run, context, RunStatus.Scheduled) with
                {
                    NextScheduledAt = time.GetUtcNow(), IsSnooze = true, Reason = "interrupted by shutdown",
                };
            }
            return Completion(run, context, RunStatus.Cancelled) with { Reason = reason };
        }
        catch (Exception ex)
        {
            LogAttemptFailed(ex, run.Id, task.Name, run.Attempt);
            return Failure(run, task, context, RunError.FromException(ex), RunStatus.Failed, stats: null);
        }
        return outcome switch
        {
            SucceededOutcome s => Completion(run, context, RunStatus.Succeeded) with { Stats = s.Stats, Progress = 100 },
            PartialOutcome p => Completion(run, context, RunStatus.Partial) with
            {
                Stats = p.Stats,
                Error = new RunError("run.partial", string.Join("; ", p.Errors), IsTransient: false),
            },
            SnoozeOutcome z => Completion(run, context, RunStatus.Scheduled) with
            {
                NextScheduledAt = time.GetUtcNow() + z.Delay, IsSnooze = true, Reason = $"snoozed for {z.Delay}",
            },
            CancelOutcome c => Completion(run, context, RunStatus.Cancelled) with { Reason = c.Reason },
            RetryOutcome r => Failure(run, task, context,
                r.Error ?? new RunError("run.retry_requested", "run: the handler asked for a retry"), RunStatus.Failed, null, r.After, forceRetry: true),
            FailedOutcome f => Failure(run, task, context, f.Error, RunStatus.Failed, f.Stats),
            _ => Failure(run, task, context, new RunError("handler.bad_outcome", $"handler: unknown outcome {outcome?.GetType().Name ?? "null"}", IsTransient: false), RunStatus.Failed, null),
        };
    }

    private RunCompletion Failure(RunRecord run, TaskDefinition task, TaskContext context, RunError error, RunStatus finalStatus,
        JsonObject? stats, TimeSpan? retryAfter = null, bool forceRetry = false)
    {
        var retryable = forceRetry || error.IsTransient || task.Retry.RetryPermanentErrors;
        if (retryable && run.Attempt < run.MaxAttempts)
        {
            var delay = retryAfter ?? task.Retry.DelayBefore(run.Attempt + 1, Random.Shared.NextDouble());
            return Completion(run, context, RunStatus.Scheduled) with
            {
                NextScheduledAt = time.GetUtcNow() + delay,
                Error = error,
                Stats = stats,
                Reason = $"retry {run.Attempt + 1}/{run.MaxAttempts} in {delay:g}",
            };
        }
        return Completion(run, context, finalStatus) with { Error = error, Stats = stats };
    }

    private RunCompletion Completion(RunRecord run, TaskContext context, RunStatus status) => new()
    {
        RunId = run.Id,
        Attempt = run.Attempt,
        Status = status,
        EndedAt = time.GetUtcNow(),
        Logs = context.TakeLogs(),
    };

    private static JsonObject Merge(JsonObject task, JsonObject? run)
    {
        var merged = (JsonObject)task.DeepClone();
        if (run is null) return merged;
        foreach (var (key, value) in run) merged[key] = value?.DeepClone();
        return merged;
    }

    [LoggerMessage(EventId = 2001, Level = LogLevel.Warning, Message = "executor: run {RunId} of task {Task} failed on attempt {Attempt}")]
    private partial void LogAttemptFailed(Exception ex, long runId, string task, int attempt);
}
