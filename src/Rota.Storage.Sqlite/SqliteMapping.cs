using System.Text.Json.Nodes;
using Rota.Runs;
using Rota.Storage;

namespace Rota.Storage.Sqlite;

/// <summary>Maps column-shaped rows to engine records and back.</summary>
internal static class SqliteMapping
{
    public static DateTimeOffset? At(long? ms) => ms is { } v ? DateTimeOffset.FromUnixTimeMilliseconds(v) : null;

    public static TaskRow ToTask(TaskDbRow r)
    {
        var def = DefinitionJson.DeserializeTask(r.Definition) with
        {
            Enabled = r.Enabled != 0,
            PausedReason = r.PausedReason,
            PausedUntil = At(r.PausedUntil),
        };
        return new TaskRow
        {
            Id = r.Id,
            Definition = def,
            Version = (int)r.Version,
            CreatedAt = At(r.CreatedAt)!.Value,
            UpdatedAt = At(r.UpdatedAt)!.Value,
            ConsecutiveFailures = (int)r.ConsecutiveFailures,
            LastRunAt = At(r.LastRunAt),
            LastStatus = r.LastStatus is null ? null : TextNames.Parse<RunStatus>(r.LastStatus),
        };
    }

    public static ScheduleRow ToSchedule(ScheduleDbRow r) => new()
    {
        Id = r.Id,
        TaskId = r.TaskId,
        TaskName = r.TaskName,
        Definition = DefinitionJson.DeserializeSchedule(r.Definition) with { Enabled = r.Enabled != 0 },
        LastNominalAt = At(r.LastNominalAt),
        NextNominalAt = At(r.NextNominalAt),
        NextFireAt = At(r.NextFireAt),
        FireCount = (int)r.FireCount,
        Task = r.TaskDefinition is null ? null : new TaskRow
        {
            Id = r.TaskId,
            Version = (int)r.TaskVersion,
            Definition = DefinitionJson.DeserializeTask(r.TaskDefinition) with
            {
                Enabled = r.TaskEnabled != 0,
                PausedReason = r.TaskPausedReason,
                PausedUntil = At(r.TaskPausedUntil),
            },
        },
    };

    public static RunRecord ToRun(RunDbRow r) => new()
    {
        Id = r.Id,
        TaskId = r.TaskId,
        TaskName = r.TaskName,
        TaskVersion = (int)r.TaskVersion,
        ScheduleId = r.ScheduleId,
        ScheduleName = r.ScheduleName,
        Trigger = TextNames.Parse<RunTrigger>(r.Trigger),
        TriggeredBy = r.TriggeredBy,
        Status = TextNames.Parse<RunStatus>(r.Status),
        Reason = r.Reason,
        Queue = r.Queue,
        Priority = (int)r.Priority,
        NominalTime = At(r.NominalTime),
        ScheduledAt = At(r.ScheduledAt)!.Value,
        CreatedAt = At(r.CreatedAt)!.Value,
        FirstStartedAt = At(r.FirstStartedAt),
        StartedAt = At(r.StartedAt),
        EndedAt = At(r.EndedAt),
        Attempt = (int)r.Attempt,
        MaxAttempts = (int)r.MaxAttempts,
        Node = r.Node,
        Progress = r.Progress is { } p ? (int)p : null,
        ProgressText = r.ProgressText,
        Parameters = r.Parameters is null ? null : JsonNode.Parse(r.Parameters) as JsonObject,
        Stats = r.Stats is null ? null : JsonNode.Parse(r.Stats) as JsonObject,
        Error = r.ErrorType is null ? null : new RunError(r.ErrorType, r.ErrorMessage ?? "", r.ErrorDetails, r.ErrorTransient != 0),
        Logs = r.Logs,
        IdempotencyKey = r.IdempotencyKey,
        CancelRequestedAt = At(r.CancelRequestedAt),
        ParentRunId = r.ParentRunId,
        Step = r.Step,
    };

    public static RunAttempt ToAttempt(AttemptDbRow r) => new(
        r.RunId, (int)r.Attempt, r.Node, At(r.StartedAt)!.Value, At(r.EndedAt),
        TextNames.Parse<RunStatus>(r.Status),
        r.ErrorType is null ? null : new RunError(r.ErrorType, r.ErrorMessage ?? ""));
}
