using System.Text.Json.Nodes;

namespace Rota.Cli.Commands;

/// <summary>One run as <c>run list|show --json</c> print it, from the store or from a server alike.</summary>
public sealed record RunView(
    long Id, string Task, string? Schedule, string Trigger, string? TriggeredBy, string Status, string? Reason, string Queue, int Priority,
    DateTimeOffset? NominalTime, DateTimeOffset ScheduledAt, DateTimeOffset CreatedAt, DateTimeOffset? StartedAt, DateTimeOffset? EndedAt,
    double? DurationMs, double? LatenessMs, int Attempt, int MaxAttempts, string? Node, int? Progress, string? ProgressText,
    JsonNode? Parameters, JsonNode? Stats, RunErrorView? Error, string? Logs, long? ParentRunId = null, string? Step = null)
{
    public TimeSpan? Duration => DurationMs is { } d ? TimeSpan.FromMilliseconds(d) : null;
    public TimeSpan? Lateness => LatenessMs is { } l ? TimeSpan.FromMilliseconds(l) : null;
}
