using System.Text.Json.Nodes;
using Rota.Runs;

namespace Rota;

/// <summary>A request to run a task now.</summary>
/// <param name="IdempotencyKey">A second request with the same key returns the first run instead of creating one.</param>
/// <param name="IgnoreOverlap">Queue the run even when the overlap policy would skip it (it still waits for a slot).</param>
public sealed record TriggerRequest(
    string TaskName,
    JsonObject? Parameters = null,
    string? TriggeredBy = null,
    string? IdempotencyKey = null,
    bool IgnoreOverlap = false,
    RunTrigger Trigger = RunTrigger.Manual,
    DateTimeOffset? RunAt = null);

/// <summary>What a trigger did: the run id, whether it was queued or skipped (and why), and the active run in the way.</summary>
public sealed record TriggerResult(long RunId, RunStatus Status, string? Reason, bool Duplicate, long? ConflictingRunId);
