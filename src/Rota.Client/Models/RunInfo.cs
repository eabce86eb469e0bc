using System.Text.Json.Nodes;

namespace Rota.Client.Models;

/// <summary>A run as the API shows it; durations in milliseconds, status and trigger as snake_case text.</summary>
public sealed record RunInfo(
    long Id, long TaskId, string Task, string? Schedule, string Trigger, string? TriggeredBy, string Status, string? Reason, string Queue,
    int Priority, DateTimeOffset? NominalTime, DateTimeOffset ScheduledAt, DateTimeOffset CreatedAt, DateTimeOffset? StartedAt,
    DateTimeOffset? EndedAt, int Attempt, int MaxAttempts, string? Node, int? Progress, string? ProgressText, double? DurationMs,
    double? LatenessMs, JsonObject? Parameters, JsonObject? Stats, RunErrorInfo? Error, long? ParentRunId = null, string? Step = null)
{
    /// <summary>True once the run will not change any more.</summary>
    public bool IsTerminal => Status is "succeeded" or "partial" or "failed" or "cancelled" or "timed_out" or "abandoned" or "skipped" or "missed";
}
