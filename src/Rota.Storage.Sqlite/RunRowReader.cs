using Microsoft.Data.Sqlite;

namespace Rota.Storage.Sqlite;

/// <summary>
/// Reads run rows with typed getters by ordinal. Dapper's generic mapping boxes every value through GetValue; for the
/// API's runs list (36 columns × 50 rows per page) that was most of the request's CPU.
/// </summary>
internal sealed class RunRowReader
{
    private static readonly string[] Columns =
    [
        "id", "task_id", "task_name", "task_version", "schedule_id", "schedule_name", "trigger", "triggered_by", "status", "reason", "queue",
        "priority", "nominal_time", "scheduled_at", "created_at", "first_started_at", "started_at", "ended_at", "attempt", "max_attempts", "node",
        "progress", "progress_text", "parameters", "stats", "error_type", "error_message", "error_details", "error_transient", "logs",
        "idempotency_key", "cancel_requested_at", "parent_run_id", "step",
    ];

    private readonly int[] _at;

    private RunRowReader(SqliteDataReader r)
    {
        _at = new int[Columns.Length];
        for (var i = 0; i < Columns.Length; i++) _at[i] = r.GetOrdinal(Columns[i]);
    }

    public static List<RunDbRow> ReadAll(SqliteDataReader r)
    {
        var rows = new List<RunDbRow>();
        if (!r.Read()) return rows;
        var reader = new RunRowReader(r);
        do rows.Add(reader.Row(r));
        while (r.Read());
        return rows;
    }

    private RunDbRow Row(SqliteDataReader r) => new()
    {
        Id = r.GetInt64(_at[0]),
        TaskId = r.GetInt64(_at[1]),
        TaskName = r.GetString(_at[2]),
        TaskVersion = r.GetInt64(_at[3]),
        ScheduleId = Long(r, 4),
        ScheduleName = Text(r, 5),
        Trigger = r.GetString(_at[6]),
        TriggeredBy = Text(r, 7),
        Status = r.GetString(_at[8]),
        Reason = Text(r, 9),
        Queue = r.GetString(_at[10]),
        Priority = r.GetInt64(_at[11]),
        NominalTime = Long(r, 12),
        ScheduledAt = r.GetInt64(_at[13]),
        CreatedAt = r.GetInt64(_at[14]),
        FirstStartedAt = Long(r, 15),
        StartedAt = Long(r, 16),
        EndedAt = Long(r, 17),
        Attempt = r.GetInt64(_at[18]),
        MaxAttempts = r.GetInt64(_at[19]),
        Node = Text(r, 20),
        Progress = Long(r, 21),
        ProgressText = Text(r, 22),
        Parameters = Text(r, 23),
        Stats = Text(r, 24),
        ErrorType = Text(r, 25),
        ErrorMessage = Text(r, 26),
        ErrorDetails = Text(r, 27),
        ErrorTransient = Long(r, 28),
        Logs = Text(r, 29),
        IdempotencyKey = Text(r, 30),
        CancelRequestedAt = Long(r, 31),
        ParentRunId = Long(r, 32),
        Step = Text(r, 33),
    };

    private long? Long(SqliteDataReader r, int i) => r.IsDBNull(_at[i]) ? null : r.GetInt64(_at[i]);

    private string? Text(SqliteDataReader r, int i) => r.IsDBNull(_at[i]) ? null : r.GetString(_at[i]);
}
