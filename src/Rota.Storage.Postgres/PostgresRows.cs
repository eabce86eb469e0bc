namespace Rota.Storage.Postgres;

// Column-shaped rows that Dapper fills; mapped to the engine's records in PostgresMapping.
// timestamptz columns arrive as UTC DateTime, jsonb as text.
#pragma warning disable CA1812
internal sealed class TaskDbRow
{
    public long Id { get; set; }
    public string Definition { get; set; } = "";
    public bool Enabled { get; set; }
    public string? PausedReason { get; set; }
    public DateTime? PausedUntil { get; set; }
    public int Version { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public int ConsecutiveFailures { get; set; }
    public DateTime? LastRunAt { get; set; }
    public string? LastStatus { get; set; }
}

internal sealed class ScheduleDbRow
{
    public long Id { get; set; }
    public long TaskId { get; set; }
    public string TaskName { get; set; } = "";
    public string Name { get; set; } = "";
    public string Definition { get; set; } = "";
    public bool Enabled { get; set; }
    public DateTime? LastNominalAt { get; set; }
    public DateTime? NextNominalAt { get; set; }
    public DateTime? NextFireAt { get; set; }
    public int FireCount { get; set; }
    public string? TaskDefinition { get; set; }
    public int TaskVersion { get; set; }
    public bool TaskEnabled { get; set; }
    public string? TaskPausedReason { get; set; }
    public DateTime? TaskPausedUntil { get; set; }
}

internal sealed class RunDbRow
{
    public long Id { get; set; }
    public long TaskId { get; set; }
    public string TaskName { get; set; } = "";
    public int TaskVersion { get; set; }
    public long? ScheduleId { get; set; }
    public string? ScheduleName { get; set; }
    public string Trigger { get; set; } = "";
    public string? TriggeredBy { get; set; }
    public string Status { get; set; } = "";
    public string? Reason { get; set; }
    public string Queue { get; set; } = "";
    public int Priority { get; set; }
    public DateTime? NominalTime { get; set; }
    public DateTime ScheduledAt { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? FirstStartedAt { get; set; }
    public DateTime? StartedAt { get; set; }
    public DateTime? EndedAt { get; set; }
    public int Attempt { get; set; }
    public int MaxAttempts { get; set; }
    public string? Node { get; set; }
    public int? Progress { get; set; }
    public string? ProgressText { get; set; }
    public string? Parameters { get; set; }
    public string? Stats { get; set; }
    public string? ErrorType { get; set; }
    public string? ErrorMessage { get; set; }
    public string? ErrorDetails { get; set; }
    public bool? ErrorTransient { get; set; }
    public string? Logs { get; set; }
    public string? IdempotencyKey { get; set; }
    public DateTime? CancelRequestedAt { get; set; }
    public long? ParentRunId { get; set; }
    public string? Step { get; set; }
}

internal sealed class AttemptDbRow
{
    public long RunId { get; set; }
    public int Attempt { get; set; }
    public string? Node { get; set; }
    public DateTime StartedAt { get; set; }
    public DateTime? EndedAt { get; set; }
    public string Status { get; set; } = "";
    public string? ErrorType { get; set; }
    public string? ErrorMessage { get; set; }
}
#pragma warning restore CA1812
