using System.Text.Json.Nodes;
using Rota.Runs;
using Rota.Storage;

namespace Rota.Storage.Postgres;

/// <summary>Maps column-shaped rows to engine records, and engine values to parameters (times as UTC).</summary>
internal static class PostgresMapping
{
    public static DateTimeOffset At(DateTime t) => new(DateTime.SpecifyKind(t, DateTimeKind.Utc));
    public static DateTimeOffset? At(DateTime? t) => t is { } v ? At(v) : null;

    /// <summary>A time as Npgsql writes timestamptz: a UTC DateTimeOffset.</summary>
    public static DateTimeOffset Utc(DateTimeOffset t) => t.ToUniversalTime();
    public static DateTimeOffset? Utc(DateTimeOffset? t) => t?.ToUniversalTime();
    public static DateTime? UtcDateTime(DateTimeOffset? t) => t?.UtcDateTime;

    /// <summary>Parses a snake_case status or trigger name.</summary>
    public static T Parse<T>(string text) where T : struct, Enum =>
        Enum.TryParse<T>(text.Replace("_", "", StringComparison.Ordinal), ignoreCase: true, out var v) && Enum.IsDefined(v)
            ? v
            : throw new RotaException("store.corrupt", $"store: '{text}' is not a known {typeof(T).Name}");

    public static string Text(RunTrigger t) => t switch
    {
        RunTrigger.Schedule => "schedule",
        RunTrigger.Manual => "manual",
        RunTrigger.Retry => "retry",
        RunTrigger.Backfill => "backfill",
        RunTrigger.Pipeline => "pipeline",
        RunTrigger.Dependency => "dependency",
        RunTrigger.Api => "api",
        _ => throw new RotaException("store.unknown_value", $"store: run trigger {t} has no stored name"),
    };

    public static TaskRow ToTask(TaskDbRow r)
    {
        var def = DefinitionJson.DeserializeTask(r.Definition) with
        {
            Enabled = r.Enabled,
            PausedReason = r.PausedReason,
            PausedUntil = At(r.PausedUntil),
        };
        return new TaskRow
        {
            Id = r.Id,
            Definition = def,
            Version = r.Version,
            CreatedAt = At(r.CreatedAt),
            UpdatedAt = At(r.UpdatedAt),
            ConsecutiveFailures = r.ConsecutiveFailures,
            LastRunAt = At(r.LastRunAt),
            LastStatus = r.LastStatus is null ? null : Parse<RunStatus>(r.LastStatus),
        };
    }

    public static ScheduleRow ToSchedule(ScheduleDbRow r) => new()
    {
        Id = r.Id,
        TaskId = r.TaskId,
        TaskName = r.TaskName,
        Definition = DefinitionJson.DeserializeSchedule(r.Definition) with { Enabled = r.Enabled },
        LastNominalAt = At(r.LastNominalAt),
        NextNominalAt = At(r.NextNominalAt),
        NextFireAt = At(r.NextFireAt),
        FireCount = r.FireCount,
        Task = r.TaskDefinition is null ? null : new TaskRow
        {
            Id = r.TaskId,
            Version = r.TaskVersion,
            Definition = DefinitionJson.DeserializeTask(r.TaskDefinition) with
            {
                Enabled = r.TaskEnabled,
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
        TaskVersion = r.TaskVersion,
        ScheduleId = r.ScheduleId,
        ScheduleName = r.ScheduleName,
        Trigger = Parse<RunTrigger>(r.Trigger),
        TriggeredBy = r.TriggeredBy,
        Status = Parse<RunStatus>(r.Status),
        Reason = r.Reason,
        Queue = r.Queue,
        Priority = r.Priority,
        NominalTime = At(r.NominalTime),
        ScheduledAt = At(r.ScheduledAt),
        CreatedAt = At(r.CreatedAt),
        FirstStartedAt = At(r.FirstStartedAt),
        StartedAt = At(r.StartedAt),
        EndedAt = At(r.EndedAt),
        Attempt = r.Attempt,
        MaxAttempts = r.MaxAttempts,
        Node = r.Node,
        Progress = r.Progress,
        ProgressText = r.ProgressText,
        Parameters = r.Parameters is null ? null : JsonNode.Parse(r.Parameters) as JsonObject,
        Stats = r.Stats is null ? null : JsonNode.Parse(r.Stats) as JsonObject,
        Error = r.ErrorType is null ? null : new RunError(r.ErrorType, r.ErrorMessage ?? "", r.ErrorDetails, r.ErrorTransient == true),
        Logs = r.Logs,
        IdempotencyKey = r.IdempotencyKey,
        CancelRequestedAt = At(r.CancelRequestedAt),
        ParentRunId = r.ParentRunId,
        Step = r.Step,
    };

    public static RunAttempt ToAttempt(AttemptDbRow r) => new(
        r.RunId, r.Attempt, r.Node, At(r.StartedAt), At(r.EndedAt),
        Parse<RunStatus>(r.Status),
        r.ErrorType is null ? null : new RunError(r.ErrorType, r.ErrorMessage ?? ""));
}
