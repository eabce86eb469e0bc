using System.Data;
using Dapper;
using Rota.Runs;
using Rota.Storage;

namespace Rota.Storage.Sqlite;

public sealed partial class SqliteStore
{
    public Task<IReadOnlyList<RunInsertResult>> RunInsertMany(IReadOnlyList<RunInsertParams> runs, CancellationToken ct = default) =>
        runs.Count == 0 ? Task.FromResult<IReadOnlyList<RunInsertResult>>([]) : WriteAsync((_, tx) => InsertRuns(tx, runs), ct);

    public Task<RunRecord?> RunGet(long id, CancellationToken ct = default) =>
        ReadCached("RunGet", c => c.With("id", id), r => RunRowReader.ReadAll(r).Select(SqliteMapping.ToRun).FirstOrDefault(), ct);

    public Task<IReadOnlyList<RunRecord>> RunActiveList(RunActiveListParams p, CancellationToken ct = default) =>
        ReadAsync<IReadOnlyList<RunRecord>>(async c => (await c.QueryAsync<RunDbRow>(Sql["RunActiveList"], new { task_id = p.TaskId }))
            .Select(SqliteMapping.ToRun).ToList(), ct);

    public Task<IReadOnlyList<RunAttempt>> RunAttemptList(long runId, CancellationToken ct = default) =>
        ReadAsync<IReadOnlyList<RunAttempt>>(async c => (await c.QueryAsync<AttemptDbRow>(Sql["RunAttemptList"], new { run_id = runId }))
            .Select(SqliteMapping.ToAttempt).ToList(), ct);

    public Task<DateTimeOffset?> RunLastStartedAt(long taskId, CancellationToken ct = default) =>
        ReadAsync(async c => At(await c.ExecuteScalarAsync<long?>(Sql["RunLastStartedAt"], new { task_id = taskId })), ct);

    public Task<IReadOnlyDictionary<long, RunActiveCount>> RunActiveCounts(IReadOnlyList<long> taskIds, CancellationToken ct = default)
    {
        if (taskIds.Count == 0) return Task.FromResult<IReadOnlyDictionary<long, RunActiveCount>>(new Dictionary<long, RunActiveCount>());
        var ids = "[" + string.Join(',', taskIds) + "]";
        return ReadAsync<IReadOnlyDictionary<long, RunActiveCount>>(async c =>
            (await c.QueryAsync<(long TaskId, long Running, long Waiting)>(Sql["RunActiveCounts"], new { ids }))
            .ToDictionary(r => r.TaskId, r => new RunActiveCount((int)r.Running, (int)r.Waiting)), ct);
    }

    public Task<DateTimeOffset?> RunNextScheduledAt(CancellationToken ct = default) =>
        ReadAsync(async c => At(await c.ExecuteScalarAsync<long?>(Sql["RunNextScheduledAt"])), ct);

    public Task<IReadOnlyList<RunRecord>> RunClaimNext(RunClaimNextParams p, CancellationToken ct = default)
    {
        if (p.Limit + p.Ahead <= 0) return Task.FromResult<IReadOnlyList<RunRecord>>([]);
        return WriteAsync<IReadOnlyList<RunRecord>>((_, tx) => Task.FromResult(ClaimNext(p, tx)), ct);
    }

    /// <summary>Picks up to <c>Limit</c> + <c>Ahead</c> due runs (respecting task concurrency limits; one node, so no
    /// cluster-wide queue limit) and marks them running, in one transaction.</summary>
    private IReadOnlyList<RunRecord> ClaimNext(RunClaimNextParams p, IDbTransaction tx)
    {
        var want = p.Limit + p.Ahead;
        var limits = new Dictionary<long, (long Max, long Running)>();
        using (var r = Cached("RunClaimLimits", tx).ExecuteReader())
            while (r.Read()) limits[r.GetInt64(0)] = (r.GetInt64(1), r.GetInt64(2));
        var saturated = "[" + string.Join(',', limits.Where(l => l.Value.Running >= l.Value.Max).Select(l => l.Key)) + "]";
        // A task with a concurrency limit may appear several times; take only as many as it has free slots.
        var tasks = new Dictionary<long, (string Name, long Version)>();
        var ids = new List<long>(want);
        var candidates = Cached("RunClaimCandidates", tx).With("queue", p.Queue).With("now", Ms(p.Now)).With("scan", want * 4).With("saturated", saturated)
            .With("aging_ms", p.AgingMs);
        using (var r = candidates.ExecuteReader())
        {
            while (ids.Count < want && r.Read())
            {
                var (id, taskId) = (r.GetInt64(0), r.GetInt64(1));
                if (limits.TryGetValue(taskId, out var limit))
                {
                    if (limit.Running >= limit.Max) continue;
                    limits[taskId] = (limit.Max, limit.Running + 1);
                }
                ids.Add(id);
                tasks[taskId] = (r.GetString(2), r.GetInt64(3));
            }
        }
        if (ids.Count == 0) return [];
        var claim = Cached("RunClaim", tx).With("ids", "[" + string.Join(',', ids) + "]").With("node", p.Node)
            .With("now", Ms(p.Now)).With("lease_until", Ms(p.LeaseUntil));
        var claimed = new List<RunRecord>(ids.Count);
        using (var r = claim.ExecuteReader())
        {
            var parse = r.GetRowParser<RunDbRow>();
            while (r.Read())
            {
                var row = parse(r);
                (row.TaskName, row.TaskVersion) = tasks[row.TaskId];
                claimed.Add(SqliteMapping.ToRun(row));
            }
        }
        // Same order as the candidates: priority, then time.
        var order = ids.Select((id, i) => (id, i)).ToDictionary(x => x.id, x => x.i);
        claimed.Sort((a, b) => order[a.Id].CompareTo(order[b.Id]));
        return claimed;
    }

    public Task<int> RunCompleteMany(IReadOnlyList<RunCompletion> completions, CancellationToken ct = default) =>
        completions.Count == 0 ? Task.FromResult(0) : WriteAsync(async (c, tx) =>
        {
            var applied = 0;
            foreach (var x in completions.Where(x => x.Status == RunStatus.Scheduled))
            {
                var args = CompletionArgs(x);
                if (!x.IsSnooze)
                    await c.ExecuteAsync(Sql["RunAttemptRecord"], args with { status = TextNames.Of(RunStatus.Failed) }, tx);
                applied += await c.ExecuteAsync(Sql["RunReschedule"], args, tx);
            }
            var terminal = completions.Where(x => x.Status != RunStatus.Scheduled).ToList();
            if (terminal.Count == 0) return applied;
            // Set-based: the whole batch is one JSON parameter, two statements, whatever its size.
            var batch = CompletionBatchJson.Write(terminal);
            Cached("RunAttemptRecordMany", tx).With("batch", batch).ExecuteNonQuery();
            var done = new Dictionary<long, long>(terminal.Count);
            using (var r = Cached("RunCompleteMany", tx).With("batch", batch).ExecuteReader())
                while (r.Read()) done[r.GetInt64(0)] = r.GetInt64(1);
            applied += done.Count;
            foreach (var group in terminal.Where(x => done.ContainsKey(x.RunId)).GroupBy(x => done[x.RunId]))
            {
                var ordered = group.OrderBy(x => x.EndedAt).ToList();
                var lastSuccess = ordered.FindLastIndex(x => !x.Status.IsFailure());
                var failures = ordered.Skip(lastSuccess + 1).Count(x => x.Status.IsFailure());
                Cached("TaskRecordOutcomes", tx).With("task_id", group.Key).With("ended_at", Ms(ordered[^1].EndedAt))
                    .With("status", TextNames.Of(ordered[^1].Status)).With("reset", lastSuccess >= 0 ? 1 : 0).With("failures", failures)
                    .ExecuteNonQuery();
                if (failures > 0) Cached("TaskPauseIfFailingById", tx).With("task_id", group.Key).ExecuteNonQuery();
            }
            return applied;
        }, ct);

    private static CompletionParams CompletionArgs(RunCompletion x) => new(
        x.RunId, x.Attempt, TextNames.Of(x.Status), Ms(x.EndedAt), x.Reason, x.Stats?.ToJsonString(), x.Error?.Type,
        x.Error?.Message, x.Error?.Details, x.Error is null ? null : x.Error.IsTransient ? 1 : 0, x.Logs, x.Progress,
        Ms(x.NextScheduledAt), x.IsSnooze ? 1 : 0);

#pragma warning disable IDE1006 // Dapper binds these by name to @snake_case parameters.
    private sealed record CompletionParams(long id, int attempt, string status, long ended_at, string? reason, string? stats,
        string? error_type, string? error_message, string? error_details, int? error_transient, string? logs, int? progress,
        long? scheduled_at, int snooze);
#pragma warning restore IDE1006

    public Task<IReadOnlyList<long>> RunHeartbeatMany(RunHeartbeatParams p, CancellationToken ct = default)
    {
        if (p.RunIds.Count == 0) return Task.FromResult<IReadOnlyList<long>>([]);
        var ids = "[" + string.Join(',', p.RunIds) + "]";
        return WriteAsync<IReadOnlyList<long>>(async (c, tx) =>
        {
            await c.ExecuteAsync(Sql["RunHeartbeat"], new { ids, lease_until = Ms(p.LeaseUntil) }, tx);
            return (await c.QueryAsync<long>(Sql["RunStopRequested"], new { ids }, tx)).ToList();
        }, ct);
    }

    public Task<int> RunProgressMany(IReadOnlyList<RunProgressParams> updates, CancellationToken ct = default) =>
        updates.Count == 0 ? Task.FromResult(0) : WriteAsync(async (c, tx) =>
        {
            var n = 0;
            foreach (var u in updates)
                n += await c.ExecuteAsync(Sql["RunProgress"], new { id = u.RunId, progress = u.Progress, text = u.Text }, tx);
            return n;
        }, ct);

    public Task<RunCancelResult> RunCancel(RunCancelParams p, CancellationToken ct = default) =>
        WriteAsync(async (c, tx) =>
        {
            var args = new { id = p.RunId, reason = p.Reason, now = Ms(p.Now) };
            if (await c.ExecuteAsync(Sql["RunCancelWaiting"], args, tx) > 0)
                return new RunCancelResult(RunCancelOutcome.Cancelled, RunStatus.Cancelled);
            if (await c.ExecuteAsync(Sql["RunCancelRunning"], args, tx) > 0)
                return new RunCancelResult(RunCancelOutcome.CancelRequested, RunStatus.Running);
            var status = await c.ExecuteScalarAsync<string?>(Sql["RunStatusOf"], new { id = p.RunId }, tx);
            return status is null
                ? new RunCancelResult(RunCancelOutcome.NotFound, null)
                : new RunCancelResult(RunCancelOutcome.AlreadyFinished, TextNames.Parse<RunStatus>(status));
        }, ct);

    public Task<bool> RunAbandon(RunAbandonParams p, CancellationToken ct = default) =>
        WriteAsync(async (c, tx) =>
        {
            var args = new
            {
                id = p.RunId, attempt = p.Attempt, reason = p.Reason, now = Ms(p.Now), ended_at = Ms(p.Now),
                status = TextNames.Of(RunStatus.Abandoned), error_type = "run.abandoned", error_message = p.Reason,
            };
            await c.ExecuteAsync(Sql["RunAttemptRecord"], args, tx);
            return await c.ExecuteAsync(Sql["RunAbandon"], args, tx) > 0;
        }, ct);

    public Task<IReadOnlyList<RunRescueResult>> RunRescue(RunRescueParams p, CancellationToken ct = default) =>
        WriteAsync<IReadOnlyList<RunRescueResult>>(async (c, tx) =>
        {
            var results = new List<RunRescueResult>();
            var orphans = await c.QueryAsync<(long Id, long Attempt, long MaxAttempts)>(Sql["RunRescueCandidates"],
                new { node = p.Node, all_other = p.AllOtherNodes ? 1 : 0, now = Ms(p.Now), term = p.Term }, tx);
            foreach (var o in orphans.ToList())
            {
                var retry = o.Attempt < o.MaxAttempts;
                var args = new
                {
                    id = o.Id, attempt = o.Attempt, now = Ms(p.Now), ended_at = Ms(p.Now),
                    scheduled_at = Ms(p.Now + p.RetryDelay), status = TextNames.Of(RunStatus.Abandoned),
                    error_type = "run.orphaned", error_message = "run: the node running this attempt stopped",
                };
                await c.ExecuteAsync(Sql["RunAttemptRecord"], args, tx);
                await c.ExecuteAsync(Sql[retry ? "RunRescueRetry" : "RunRescueAbandon"], args, tx);
                results.Add(new RunRescueResult(o.Id, retry ? RunStatus.Scheduled : RunStatus.Abandoned, (int)o.Attempt));
            }
            return results;
        }, ct);

    public Task<int> RunPrune(RunPruneParams p, CancellationToken ct = default) =>
        WriteAsync(async (c, tx) =>
        {
            var n = await c.ExecuteAsync(Sql["RunPruneByAge"], new { now = Ms(p.Now), batch = p.BatchSize }, tx);
            n += await c.ExecuteAsync(Sql["RunPruneByCount"], new { batch = p.BatchSize }, tx);
            return n;
        }, ct);
}
