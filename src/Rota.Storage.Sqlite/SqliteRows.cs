namespace Rota.Storage.Sqlite;

// Column-shaped rows that Dapper fills; mapped to the engine's records in SqliteMapping.
#pragma warning disable CA1812
internal sealed class TaskDbRow
{
    public long Id { get; set; }
    public string Definition { get; set; } = "";
    public long Enabled { get; set; }
    public string? PausedReason { get; set; }
    public long? PausedUntil { get; set; }
    public long Version { get; set; }
    public long CreatedAt { get; set; }
    public long UpdatedAt { get; set; }
    public long ConsecutiveFailures { get; set; }
    public long? LastRunAt { get; set; }
    public string? LastStatus { get; set; }
}

internal sealed class ScheduleDbRow
{
    public long Id { get; set; }
    public long TaskId { get; set; }
    public string TaskName { get; set; } = "";
    public string Name { get; set; } = "";
    public string Definition { get; set; } = "";
    public long Enabled { get; set; }
    public long? LastNominalAt { get; set; }
    public long? NextNominalAt { get; set; }
    public long? NextFireAt { get; set; }
    public long FireCount { get; set; }
    public string? TaskDefinition { get; set; }
    public long TaskVersion { get; set; }
    public long TaskEnabled { get; set; }
    public string? TaskPausedReason { get; set; }
    public long? TaskPausedUntil { get; set; }
}

internal sealed class RunDbRow
{
    public long Id { get; set; }
    public long TaskId { get; set; }
    public string TaskName { get; set; } = "";
    public long TaskVersion { get; set; }
    public long? ScheduleId { get; set; }
    public string? ScheduleName { get; set; }
    public string Trigger { get; set; } = "";
    public string? TriggeredBy { get; set; }
    public string Status { get; set; } = "";
    public string? Reason { get; set; }
    public string Queue { get; set; } = "";
    public long Priority { get; set; }
    public long? NominalTime { get; set; }
    public long ScheduledAt { get; set; }
    public long CreatedAt { get; set; }
    public long? FirstStartedAt { get; set; }
    public long? StartedAt { get; set; }
    public long? EndedAt { get; set; }
    public long Attempt { get; set; }
    public long MaxAttempts { get; set; }
    public string? Node { get; set; }
    public long? Progress { get; set; }
    public string? ProgressText { get; set; }
    public string? Parameters { get; set; }
    public string? Stats { get; set; }
    public string? ErrorType { get; set; }
    public string? ErrorMessage { get; set; }
    public string? ErrorDetails { get; set; }
    public long? ErrorTransient { get; set; }
    public string? Logs { get; set; }
    public string? IdempotencyKey { get; set; }
    public long? CancelRequestedAt { get; set; }
    public long? ParentRunId { get; set; }
    public string? Step { get; set; }
}

internal sealed class AttemptDbRow
{
    public long RunId { get; set; }
    public long Attempt { get; set; }
    public string? Node { get; set; }
    public long StartedAt { get; set; }
    public long? EndedAt { get; set; }
    public string Status { get; set; } = "";
    public string? ErrorType { get; set; }
    public string? ErrorMessage { get; set; }
}
#pragma warning restore CA1812
