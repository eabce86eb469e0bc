namespace Rota.Client.Models;

/// <summary>The answer to run-now: the run, its status, and whether an earlier run with the same idempotency key was returned.</summary>
public sealed record TriggerResult(long RunId, string Status, string? Reason, bool Duplicate, long? ConflictingRunId);
