using Dapper;
using Npgsql;
using Rota.Runs;
using Rota.Storage;
using static Rota.Storage.Postgres.PostgresMapping;

namespace Rota.Storage.Postgres;

public sealed partial class PostgresStore
{
    /// <summary>
    /// Inserts <paramref name="runs"/> with one RunInsert (plus <paramref name="then"/>, when given, in the same
    /// round trip, and a NOTIFY for other nodes). A run whose key was taken by a transaction that committed while RunInsert ran comes back without an
    /// id; it is looked up once more with a fresh snapshot. A large batch that cannot conflict goes by binary COPY
    /// instead (<see cref="CopyRuns"/>).
    /// </summary>
    private async Task<IReadOnlyList<RunInsertResult>> InsertRuns(NpgsqlConnection c, NpgsqlTransaction tx,
        IReadOnlyList<RunInsertParams> runs, NpgsqlBatchCommand? then, CancellationToken ct)
    {
        if (then is null && CanCopy(runs)) return await CopyRuns(c, tx, runs, ct);
        await using var batch = new NpgsqlBatch(c, tx);
        if (runs.Count > 0) batch.BatchCommands.Add(InsertCommand(runs));
        if (then is not null) batch.BatchCommands.Add(then);
        if (RunsWake(runs) is { } wake) batch.BatchCommands.Add(wake);
        if (batch.BatchCommands.Count == 0) return [];
        var results = new RunInsertResult[runs.Count];
        var unresolved = new List<int>();
        await using (var r = await batch.ExecuteReaderAsync(ct))
        {
            while (runs.Count > 0 && await r.ReadAsync(ct))
            {
                var i = (int)r.GetInt64(0) - 1;
                var inserted = r.GetBoolean(1);
                if (r.IsDBNull(2)) unresolved.Add(i);
                results[i] = new RunInsertResult(r.IsDBNull(2) ? 0 : r.GetInt64(2), inserted);
            }
        }
        foreach (var i in unresolved)
        {
            var run = runs[i];
            var existing = run.IdempotencyKey is not null
                ? await c.ExecuteScalarAsync<long?>(Sql["RunFindIdempotent"], new { task_id = run.TaskId, idempotency_key = run.IdempotencyKey }, tx)
                : await c.ExecuteScalarAsync<long?>(Sql["RunFindOccurrence"], new { schedule_id = run.ScheduleId, nominal_time = Utc(run.NominalTime) }, tx);
            results[i] = new RunInsertResult(existing ?? 0, false);
        }
        return results;
    }

    /// <summary>The NOTIFY for a transaction inserting <paramref name="runs"/>: other nodes claim at once instead of at
    /// their next poll (one NOTIFY for the whole transaction); null when no run is waiting to run.</summary>
    private NpgsqlBatchCommand? RunsWake(IReadOnlyList<RunInsertParams> runs) =>
        runs.Any(r => r.Status is RunStatus.Available or RunStatus.Scheduled) ? WakeCommand(StoreChanges.Runs) : null;

    /// <summary>A run inserted in a terminal status (a skipped or missed occurrence) ends when it is recorded.</summary>
    private static DateTime? EndedAt(RunInsertParams r) =>
        r.Status is RunStatus.Scheduled or RunStatus.Available ? null : r.Now.UtcDateTime;

    private static NpgsqlBatchCommand InsertCommand(IReadOnlyList<RunInsertParams> runs)
    {
        var n = runs.Count;
        var taskId = new long[n];
        var scheduleId = new long?[n];
        var trigger = new string[n];
        var triggeredBy = new string?[n];
        var status = new string[n];
        var reason = new string?[n];
        var queue = new string[n];
        var priority = new int[n];
        var nominal = new DateTime?[n];
        var scheduledAt = new DateTime[n];
        var createdAt = new DateTime[n];
        var endedAt = new DateTime?[n];
        var maxAttempts = new int[n];
        var parameters = new string?[n];
        var key = new string?[n];
        var parent = new long?[n];
        var step = new string?[n];
        for (var i = 0; i < n; i++)
        {
            var r = runs[i];
            taskId[i] = r.TaskId;
            scheduleId[i] = r.ScheduleId;
            trigger[i] = Text(r.Trigger);
            triggeredBy[i] = r.TriggeredBy;
            status[i] = r.Status.ToText();
            reason[i] = r.Reason;
            queue[i] = r.Queue;
            priority[i] = r.Priority;
            nominal[i] = UtcDateTime(r.NominalTime);
            scheduledAt[i] = r.ScheduledAt.UtcDateTime;
            createdAt[i] = r.Now.UtcDateTime;
            endedAt[i] = EndedAt(r);
            maxAttempts[i] = r.MaxAttempts;
            parameters[i] = r.Parameters?.ToJsonString();
            key[i] = r.IdempotencyKey;
            parent[i] = r.ParentRunId;
            step[i] = r.Step;
        }
        return BatchCommand("RunInsert")
            .Bind("task_id", taskId).Bind("schedule_id", scheduleId).Bind("trigger", trigger).Bind("triggered_by", triggeredBy)
            .Bind("status", status).Bind("reason", reason).Bind("queue", queue).Bind("priority", priority)
            .Bind("nominal_time", nominal).Bind("scheduled_at", scheduledAt).Bind("created_at", createdAt)
            .Bind("ended_at", endedAt).Bind("max_attempts", maxAttempts).Bind("parameters", parameters)
            .Bind("idempotency_key", key).Bind("parent_run_id", parent).Bind("step", step);
    }
}
