using Dapper;
using Npgsql;
using Rota.Runs;
using Rota.Storage;
using static Rota.Storage.Postgres.PostgresMapping;

namespace Rota.Storage.Postgres;

public sealed partial class PostgresStore
{
    public Task<IReadOnlyList<RunInsertResult>> RunInsertMany(IReadOnlyList<RunInsertParams> runs, CancellationToken ct = default) =>
        runs.Count == 0 ? Task.FromResult<IReadOnlyList<RunInsertResult>>([]) : Write((c, tx) => InsertRuns(c, tx, runs, null, ct), ct);

    public Task<RunRecord?> RunGet(long id, CancellationToken ct = default) =>
        Read(async c => (await c.QueryFirstOrDefaultAsync<RunDbRow>(Sql["RunGet"], new { id })) is { } r ? ToRun(r) : null, ct);

    public Task<IReadOnlyList<RunRecord>> RunActiveList(RunActiveListParams p, CancellationToken ct = default) =>
        Read<IReadOnlyList<RunRecord>>(async c => (await c.QueryAsync<RunDbRow>(Sql["RunActiveList"], new { task_id = p.TaskId }))
            .Select(ToRun).ToList(), ct);

    public Task<IReadOnlyList<RunAttempt>> RunAttemptList(long runId, CancellationToken ct = default) =>
        Read<IReadOnlyList<RunAttempt>>(async c => (await c.QueryAsync<AttemptDbRow>(Sql["RunAttemptList"], new { run_id = runId }))
            .Select(ToAttempt).ToList(), ct);

    public Task<DateTimeOffset?> RunLastStartedAt(long taskId, CancellationToken ct = default) =>
        Read(async c => At(await c.ExecuteScalarAsync<DateTime?>(Sql["RunLastStartedAt"], new { task_id = taskId })), ct);

    public Task<IReadOnlyDictionary<long, RunActiveCount>> RunActiveCounts(IReadOnlyList<long> taskIds, CancellationToken ct = default)
    {
        if (taskIds.Count == 0) return Task.FromResult<IReadOnlyDictionary<long, RunActiveCount>>(new Dictionary<long, RunActiveCount>());
        return Read<IReadOnlyDictionary<long, RunActiveCount>>(async c =>
        {
            await using var cmd = Command("RunActiveCounts", c).Bind("ids", taskIds.ToArray());
            await using var r = await cmd.ExecuteReaderAsync(ct);
            var counts = new Dictionary<long, RunActiveCount>();
            while (await r.ReadAsync(ct)) counts[r.GetInt64(0)] = new RunActiveCount((int)r.GetInt64(1), (int)r.GetInt64(2));
            return counts;
        }, ct);
    }

    public Task<DateTimeOffset?> RunNextScheduledAt(CancellationToken ct = default) =>
        Read(async c => At(await c.ExecuteScalarAsync<DateTime?>(Sql["RunNextScheduledAt"])), ct);

    public Task<IReadOnlyList<long>> RunHeartbeatMany(RunHeartbeatParams p, CancellationToken ct = default)
    {
        if (p.RunIds.Count == 0) return Task.FromResult<IReadOnlyList<long>>([]);
        var ids = p.RunIds.ToArray();
        return Write<IReadOnlyList<long>>(async (c, tx) =>
        {
            await using var batch = new NpgsqlBatch(c, tx)
            {
                BatchCommands =
                {
                    BatchCommand("RunHeartbeat").Bind("ids", ids).Bind("lease_until", Utc(p.LeaseUntil)),
                    BatchCommand("RunStopRequested").Bind("ids", ids),
                },
            };
            await using var r = await batch.ExecuteReaderAsync(ct);
            var stop = new List<long>();
            while (await r.ReadAsync(ct)) stop.Add(r.GetInt64(0));
            return stop;
        }, ct);
    }

    public Task<int> RunProgressMany(IReadOnlyList<RunProgressParams> updates, CancellationToken ct = default)
    {
        if (updates.Count == 0) return Task.FromResult(0);
        // One row per run: later updates win, a null keeps the earlier value (as applying them in order would).
        var merged = updates.GroupBy(u => u.RunId).Select(g => g.Aggregate((a, b) =>
            new RunProgressParams(a.RunId, b.Progress ?? a.Progress, b.Text ?? a.Text))).ToList();
        return Write(async (c, tx) =>
        {
            await using var cmd = Command("RunProgress", c, tx)
                .Bind("id", merged.Select(u => u.RunId).ToArray())
                .Bind("progress", merged.Select(u => u.Progress).ToArray())
                .Bind("text", merged.Select(u => u.Text).ToArray());
            return await cmd.ExecuteNonQueryAsync(ct);
        }, ct);
    }

    public Task<RunCancelResult> RunCancel(RunCancelParams p, CancellationToken ct = default) =>
        Write(async (c, tx) =>
        {
            var args = new { id = p.RunId, reason = p.Reason, now = Utc(p.Now) };
            if (await c.ExecuteAsync(Sql["RunCancelWaiting"], args, tx) > 0)
                return new RunCancelResult(RunCancelOutcome.Cancelled, RunStatus.Cancelled);
            if (await c.ExecuteAsync(Sql["RunCancelRunning"], args, tx) > 0)
                return new RunCancelResult(RunCancelOutcome.CancelRequested, RunStatus.Running);
            var status = await c.ExecuteScalarAsync<string?>(Sql["RunStatusOf"], new { id = p.RunId }, tx);
            return status is null
                ? new RunCancelResult(RunCancelOutcome.NotFound, null)
                : new RunCancelResult(RunCancelOutcome.AlreadyFinished, Parse<RunStatus>(status));
        }, ct);

    public Task<bool> RunAbandon(RunAbandonParams p, CancellationToken ct = default) =>
        Write(async (c, tx) =>
        {
            var args = new
            {
                id = p.RunId, attempt = p.Attempt, reason = p.Reason, now = Utc(p.Now), ended_at = Utc(p.Now),
                status = RunStatus.Abandoned.ToText(), error_type = "run.abandoned", error_message = p.Reason,
            };
            await c.ExecuteAsync(Sql["RunAttemptRecord"], args, tx);
            return await c.ExecuteAsync(Sql["RunAbandon"], args, tx) > 0;
        }, ct);

    public Task<int> RunPrune(RunPruneParams p, CancellationToken ct = default) =>
        Write(async (c, tx) =>
        {
            var n = await c.ExecuteAsync(Sql["RunPruneByAge"], new { now = Utc(p.Now), batch = p.BatchSize }, tx);
            n += await c.ExecuteAsync(Sql["RunPruneByCount"], new { batch = p.BatchSize }, tx);
            return n;
        }, ct);
}
