using Dapper;
using Npgsql;
using Rota.Runs;
using Rota.Storage;
using static Rota.Storage.Postgres.PostgresMapping;

namespace Rota.Storage.Postgres;

public sealed partial class PostgresStore
{
    /// <summary>
    /// Claims in one transaction: RunClaimQueueLock serialises claims of the queue across nodes, RunClaimLimits locks
    /// the limited tasks with due runs (skipping those another claimer holds), then RunClaim picks, locks (FOR UPDATE
    /// SKIP LOCKED) and marks the runs in one statement. Concurrent claimers on any number of nodes take disjoint runs
    /// and never exceed the queue's concurrency (counted across the cluster) nor a task's concurrency limit.
    /// </summary>
    public Task<IReadOnlyList<RunRecord>> RunClaimNext(RunClaimNextParams p, CancellationToken ct = default)
    {
        if (p.Limit + p.Ahead <= 0) return Task.FromResult<IReadOnlyList<RunRecord>>([]);
        return Write<IReadOnlyList<RunRecord>>(async (c, tx) =>
        {
            var now = Utc(p.Now);
            long[] locked;
            // One round trip, two statements (each with its own snapshot): the queue lock, then the task locks.
            await using (var first = new NpgsqlBatch(c, tx))
            {
                first.BatchCommands.Add(BatchCommand("RunClaimQueueLock").Bind("queue", p.Queue));
                first.BatchCommands.Add(BatchCommand("RunClaimLimits").Bind("queue", p.Queue).Bind("now", now));
                await using var r = await first.ExecuteReaderAsync(ct);
                await r.NextResultAsync(ct);
                var ids = new List<long>();
                while (await r.ReadAsync(ct)) ids.Add(r.GetInt64(0));
                locked = ids.ToArray();
            }
            await using var claim = Command("RunClaim", c, tx)
                .Bind("locked", locked).Bind("queue", p.Queue).Bind("now", now).Bind("scan", (p.Limit + p.Ahead) * 4)
                .Bind("limit", p.Limit).Bind("ahead", p.Ahead).Bind("node", p.Node).Bind("lease_until", Utc(p.LeaseUntil)).Bind("aging_ms", p.AgingMs);
            await using var reader = await claim.ExecuteReaderAsync(ct);
            var parse = reader.GetRowParser<RunDbRow>();
            var claimed = new List<RunRecord>(p.Limit + p.Ahead);
            while (await reader.ReadAsync(ct)) claimed.Add(ToRun(parse(reader)));
            // Claim order: effective priority (with aging), then time, then id.
            long Effective(RunRecord r) => r.Priority + (p.AgingMs > 0 ? (long)Math.Floor((p.Now - r.ScheduledAt).TotalMilliseconds / p.AgingMs) : 0);
            claimed.Sort((a, b) => Effective(a) != Effective(b) ? Effective(b).CompareTo(Effective(a))
                : a.ScheduledAt != b.ScheduledAt ? a.ScheduledAt.CompareTo(b.ScheduledAt) : a.Id.CompareTo(b.Id));
            return claimed;
        }, ct);
    }
}
