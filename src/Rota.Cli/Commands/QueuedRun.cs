namespace Rota.Cli.Commands;

/// <summary>What <c>task run</c> queued (or found, with the same idempotency key, or skipped by the overlap policy).</summary>
public sealed record QueuedRun(long RunId, string Status, string? Reason, bool Duplicate, long? ConflictingRunId);
