using System.Text.Json.Nodes;

namespace Rota.Runs;

/// <summary>One run as stored: an occurrence, manual trigger, retry, backfill or pipeline step.</summary>
public sealed record RunRecord
{
    public long Id { get; init; }
    public long TaskId { get; init; }
    /// <summary>Version of the task definition when the run was read.</summary>
    public int TaskVersion { get; init; }
    public string TaskName { get; init; } = "";
    public long? ScheduleId { get; init; }
    public string? ScheduleName { get; init; }
    public RunTrigger Trigger { get; init; }
    public string? TriggeredBy { get; init; }
    public RunStatus Status { get; init; }
    /// <summary>Why a skipped/missed/cancelled run did not run (overlap, paused, spacing, downtime, …).</summary>
    public string? Reason { get; init; }
    public string Queue { get; init; } = "default";
    public int Priority { get; init; }
    public DateTimeOffset? NominalTime { get; init; }
    /// <summary>When the run becomes claimable (nominal + jitter, or a retry's backoff).</summary>
    public DateTimeOffset ScheduledAt { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    /// <summary>Start of the first attempt (lateness is measured from it).</summary>
    public DateTimeOffset? FirstStartedAt { get; init; }
    /// <summary>Start of the current or last attempt.</summary>
    public DateTimeOffset? StartedAt { get; init; }
    public DateTimeOffset? EndedAt { get; init; }
    public int Attempt { get; init; }
    public int MaxAttempts { get; init; }
    public string? Node { get; init; }
    public int? Progress { get; init; }
    public string? ProgressText { get; init; }
    public JsonObject? Parameters { get; init; }
    public JsonObject? Stats { get; init; }
    public RunError? Error { get; init; }
    public string? Logs { get; init; }
    public string? IdempotencyKey { get; init; }
    public DateTimeOffset? CancelRequestedAt { get; init; }
    /// <summary>The pipeline run this run is a step of.</summary>
    public long? ParentRunId { get; init; }
    /// <summary>The pipeline step this run executes.</summary>
    public string? Step { get; init; }

    public TimeSpan? Duration => StartedAt is { } s && EndedAt is { } e ? e - s : null;
    /// <summary>Actual start minus nominal time, for scheduled runs.</summary>
    public TimeSpan? Lateness => FirstStartedAt is { } s && NominalTime is { } n ? s - n : null;
}
