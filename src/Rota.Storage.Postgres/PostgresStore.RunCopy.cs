using Npgsql;
using NpgsqlTypes;
using Rota.Runs;
using Rota.Storage;
using static Rota.Storage.Postgres.PostgresMapping;

namespace Rota.Storage.Postgres;

public sealed partial class PostgresStore
{
    /// <summary>Smallest batch inserted by binary COPY. A copy takes three round trips (ids, COPY, its end) against
    /// RunInsert's one, which is the cheaper way for a handful of runs.</summary>
    internal const int CopyMinRuns = 64;

    /// <summary>True when no run of <paramref name="runs"/> can hit a unique key, so nothing needs ON CONFLICT.</summary>
    private static bool CanCopy(IReadOnlyList<RunInsertParams> runs)
    {
        if (runs.Count < CopyMinRuns) return false;
        foreach (var r in runs)
            if (r.IdempotencyKey is not null || HoldsOccurrenceKey(r)) return false;
        return true;
    }

    /// <summary>The occurrence key (ux_rota_runs_occurrence) covers schedule fires that carry both of its parts.</summary>
    private static bool HoldsOccurrenceKey(RunInsertParams r) =>
        r.Trigger == RunTrigger.Schedule && r.ScheduleId is not null && r.NominalTime is not null;

    /// <summary>
    /// Inserts <paramref name="runs"/>, none of which can conflict, by binary COPY: RunReserveIds draws their ids (with
    /// the NOTIFY for other nodes in the same round trip), then RunCopyIn writes the rows with those ids. Every run is
    /// inserted; results are in input order.
    /// </summary>
    private async Task<IReadOnlyList<RunInsertResult>> CopyRuns(NpgsqlConnection c, NpgsqlTransaction tx,
        IReadOnlyList<RunInsertParams> runs, CancellationToken ct)
    {
        var ids = new long[runs.Count];
        await using (var batch = new NpgsqlBatch(c, tx) { BatchCommands = { BatchCommand("RunReserveIds").Bind("n", runs.Count) } })
        {
            if (RunsWake(runs) is { } wake) batch.BatchCommands.Add(wake);
            await using var r = await batch.ExecuteReaderAsync(ct);
            for (var i = 0; await r.ReadAsync(ct); i++) ids[i] = r.GetInt64(0);
        }
        await using (var copy = await c.BeginBinaryImportAsync(Sql["RunCopyIn"], ct))
        {
            for (var i = 0; i < runs.Count; i++) await WriteRunRow(copy, ids[i], runs[i], ct);
            await copy.CompleteAsync(ct);
        }
        var results = new RunInsertResult[runs.Count];
        for (var i = 0; i < ids.Length; i++) results[i] = new RunInsertResult(ids[i], true);
        return results;
    }

    /// <summary>One row in RunCopyIn's column order.</summary>
    private static async Task WriteRunRow(NpgsqlBinaryImporter copy, long id, RunInsertParams r, CancellationToken ct)
    {
        await copy.StartRowAsync(ct);
        await copy.WriteAsync(id, NpgsqlDbType.Bigint, ct);
        await copy.WriteAsync(r.TaskId, NpgsqlDbType.Bigint, ct);
        await copy.WriteOrNullAsync(r.ScheduleId, NpgsqlDbType.Bigint, ct);
        await copy.WriteAsync(Text(r.Trigger), NpgsqlDbType.Text, ct);
        await copy.WriteOrNullAsync(r.TriggeredBy, NpgsqlDbType.Text, ct);
        await copy.WriteAsync(r.Status.ToText(), NpgsqlDbType.Text, ct);
        await copy.WriteOrNullAsync(r.Reason, NpgsqlDbType.Text, ct);
        await copy.WriteAsync(r.Queue, NpgsqlDbType.Text, ct);
        await copy.WriteAsync(r.Priority, NpgsqlDbType.Integer, ct);
        await copy.WriteOrNullAsync(UtcDateTime(r.NominalTime), NpgsqlDbType.TimestampTz, ct);
        await copy.WriteAsync(r.ScheduledAt.UtcDateTime, NpgsqlDbType.TimestampTz, ct);
        await copy.WriteAsync(r.Now.UtcDateTime, NpgsqlDbType.TimestampTz, ct);
        await copy.WriteOrNullAsync(EndedAt(r), NpgsqlDbType.TimestampTz, ct);
        await copy.WriteAsync(r.MaxAttempts, NpgsqlDbType.Integer, ct);
        await copy.WriteOrNullAsync(r.Parameters?.ToJsonString(), NpgsqlDbType.Json, ct);
        await copy.WriteOrNullAsync(r.IdempotencyKey, NpgsqlDbType.Text, ct);
        await copy.WriteOrNullAsync(r.ParentRunId, NpgsqlDbType.Bigint, ct);
        await copy.WriteOrNullAsync(r.Step, NpgsqlDbType.Text, ct);
    }
}
