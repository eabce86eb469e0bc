using Dapper;
using Rota.Runs;
using Rota.Storage;

namespace Rota.Storage.Sqlite;

public sealed partial class SqliteStore
{
    public Task<IReadOnlyList<RunInsertResult>> RunInsertMany(IReadOnlyList<RunInsertParams> runs, CancellationToken ct = default) =>
        runs.Count == 0 ? Task.FromResult<IReadOnlyList<RunInsertResult>>([]) : WriteAsync((c, tx) => InsertRuns(c, tx, runs), ct);

    public Task<RunRecord?> RunGet(long id, CancellationToken ct = default) =>
        ReadAsync(async c => (await c.QueryFirstOrDefaultAsync<RunDbRow>(Sql["RunGet"], new { id })) is { } r ? SqliteMapping.ToRun(r) : null, ct);

    public Task<IReadOnlyList<RunRecord>> RunList(RunListParams p, CancellationToken ct = default) =>
        ReadAsync<IReadOnlyList<RunRecord>>(async c => (await c.QueryAsync<RunDbRow>(Sql["RunList"], new
        {
            task_name = p.TaskName,
            status = p.Status is { } s ? TextNames.Of(s) : null,
            trigger = p.Trigger is { } t ? TextNames.Of(t) : null,
            from = Ms(p.From),
            to = Ms(p.To),
            before_id = p.BeforeId,
            limit = Math.Clamp(p.Limit, 1, 10_000),
        })).Select(SqliteMapping.ToRun).ToList(), ct);

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

    public async Task<IReadOnlyList<RunRecord>> RunClaimNext(RunClaimNextParams p, CancellationToken ct = default)
    {
        if (p.Limit <= 0) return [];
        var claimed = await WriteAsync(async (c, tx) =>
        {
            var candidates = await c.QueryAsync<(long Id, long TaskId, long MaxConcurrency, long Running)>(Sql["RunClaimCandidates"],
                new { queue = p.Queue, now = Ms(p.Now), scan = p.Limit * 4 }, tx);
            // A task with a concurrency limit may appear several times; take only as many as it has free slots.
            var taken = new Dictionary<long, long>();
            var ids = new List<long>(p.Limit);
            foreach (var cand in candidates)
            {
                if (ids.Count == p.Limit) break;
                if (cand.MaxConcurrency > 0)
                {
                    var already = taken.GetValueOrDefault(cand.TaskId);
                    if (cand.Running + already >= cand.MaxConcurrency) continue;
                    taken[cand.TaskId] = already + 1;
                }
                ids.Add(cand.Id);
            }
            if (ids.Count == 0) return [];
            var json = "[" + string.Join(',', ids) + "]";
            var updated = (await c.QueryAsync<long>(Sql["RunClaim"],
                new { ids = json, node = p.Node, now = Ms(p.Now), lease_until = Ms(p.LeaseUntil) }, tx)).ToList();
            return updated;
        }, ct);
        if (claimed.Count == 0) return [];
        var idsJson = "[" + string.Join(',', claimed) + "]";
        return await ReadAsync<IReadOnlyList<RunRecord>>(async c =>
            (await c.QueryAsync<RunDbRow>(Sql["RunGetMany"], new { ids = idsJson })).Select(SqliteMapping.ToRun).ToList(), ct);
    }

    public Task<int> RunCompleteMany(IReadOnlyList<RunCompletion> completions, CancellationToken ct = default) =>
        completions.Count == 0 ? Task.FromResult(0) : WriteAsync(async (c, tx) =>
        {
            var applied = 0;
            foreach (var x in completions)
            {
                var args = new
                {
                    id = x.RunId,
                    attempt = x.Attempt,
                    status = TextNames.Of(x.Status),
                    ended_at = Ms(x.EndedAt),
                    reason = x.Reason,
                    stats = x.Stats?.ToJsonString(),
                    error_type = x.Error?.Type,
                    error_message = x.Error?.Message,
                    error_details = x.Error?.Details,
                    error_transient = x.Error is null ? (int?)null : x.Error.IsTransient ? 1 : 0,
                    logs = x.Logs,
                    progress = x.Progress,
                    scheduled_at = Ms(x.NextScheduledAt),
                    snooze = x.IsSnooze ? 1 : 0,
                };
                if (x.Status == RunStatus.Scheduled)
                {
                    if (!x.IsSnooze)
                        await c.ExecuteAsync(Sql["RunAttemptRecord"], args with { status = TextNames.Of(RunStatus.Failed) }, tx);
                    applied += await c.ExecuteAsync(Sql["RunReschedule"], args, tx);
                    continue;
                }
                await c.ExecuteAsync(Sql["RunAttemptRecord"], args, tx);
                var n = await c.ExecuteAsync(Sql["RunComplete"], args, tx);
                if (n == 0) continue;
                applied += n;
                var failed = x.Status.IsFailure() ? 1 : 0;
                await c.ExecuteAsync(Sql["TaskRecordOutcome"], new { run_id = x.RunId, ended_at = Ms(x.EndedAt), status = args.status, failed }, tx);
                if (failed == 1) await c.ExecuteAsync(Sql["TaskPauseIfFailing"], new { run_id = x.RunId }, tx);
            }
            return applied;
        }, ct);

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
                new { node = p.Node, all_other = p.AllOtherNodes ? 1 : 0, now = Ms(p.Now) }, tx);
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
