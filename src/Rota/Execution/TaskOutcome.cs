using System.Text.Json.Nodes;
using Rota.Runs;

namespace Rota.Execution;

/// <summary>What a handler reports at the end of an attempt.</summary>
public abstract record TaskOutcome
{
    public static TaskOutcome Success(JsonObject? stats = null) => new SucceededOutcome(stats);
    public static TaskOutcome PartialSuccess(JsonObject? stats, IReadOnlyList<string> errors) => new PartialOutcome(stats, errors);
    public static TaskOutcome SnoozeFor(TimeSpan delay) => new SnoozeOutcome(delay);
    public static TaskOutcome CancelWith(string reason) => new CancelOutcome(reason);
    public static TaskOutcome RetryAfter(TimeSpan? after, RunError? error = null) => new RetryOutcome(after, error);
    public static TaskOutcome Fail(RunError error, JsonObject? stats = null) => new FailedOutcome(error, stats);
}

/// <summary>The attempt succeeded; <paramref name="Stats"/> is stored with the run (e.g. items_fetched, items_new).</summary>
public sealed record SucceededOutcome(JsonObject? Stats) : TaskOutcome;

/// <summary>Some of the work succeeded; the run ends <c>partial</c> and is not retried.</summary>
public sealed record PartialOutcome(JsonObject? Stats, IReadOnlyList<string> Errors) : TaskOutcome;

/// <summary>Not ready yet: run again after <paramref name="Delay"/> without consuming an attempt.</summary>
public sealed record SnoozeOutcome(TimeSpan Delay) : TaskOutcome;

/// <summary>Stop now; the run ends <c>cancelled</c> and is not retried.</summary>
public sealed record CancelOutcome(string Reason) : TaskOutcome;

/// <summary>Fail this attempt and retry (after <paramref name="After"/>, or the policy's backoff when null).</summary>
public sealed record RetryOutcome(TimeSpan? After, RunError? Error) : TaskOutcome;

/// <summary>Fail this attempt with a described error; retried if the policy allows and the error is transient.</summary>
public sealed record FailedOutcome(RunError Error, JsonObject? Stats) : TaskOutcome;
