using Dapper;
using Npgsql;
using Rota.Runs;
using Rota.Storage;
using static Rota.Storage.Postgres.PostgresMapping;

namespace Rota.Storage.Postgres;

public sealed partial class PostgresStore
{
    /// <summary>Finds orphaned running runs (locked, so two rescuers never take the same one), then records their
    /// attempts and retries or abandons them, set-based, in the same transaction.</summary>
    public Task<IReadOnlyList<RunRescueResult>> RunRescue(RunRescueParams p, CancellationToken ct = default) =>
        Write<IReadOnlyList<RunRescueResult>>(async (c, tx) =>
        {
            var orphans = (await c.QueryAsync<(long Id, int Attempt, int MaxAttempts)>(Sql["RunRescueCandidates"],
                new { node = p.Node, all_other = p.AllOtherNodes, now = Utc(p.Now), term = p.Term }, tx)).ToList();
            if (orphans.Count == 0) return [];
            var now = Utc(p.Now);
            var retry = orphans.Where(o => o.Attempt < o.MaxAttempts).Select(o => o.Id).ToArray();
            var abandon = orphans.Where(o => o.Attempt >= o.MaxAttempts).Select(o => o.Id).ToArray();
            await using var b = new NpgsqlBatch(c, tx)
            {
                BatchCommands =
                {
                    BatchCommand("RunAttemptRecordMany")
                        .Bind("id", orphans.Select(o => o.Id).ToArray())
                        .Bind("attempt", orphans.Select(o => o.Attempt).ToArray())
                        .Bind("status", orphans.Select(_ => RunStatus.Abandoned.ToText()).ToArray())
                        .Bind("ended_at", orphans.Select(_ => now.UtcDateTime).ToArray())
                        .Bind("error_type", orphans.Select(_ => "run.orphaned").ToArray())
                        .Bind("error_message", orphans.Select(_ => "run: the node running this attempt stopped").ToArray()),
                    BatchCommand("RunRescueRetry").Bind("ids", retry).Bind("scheduled_at", Utc(p.Now + p.RetryDelay)),
                    BatchCommand("RunRescueAbandon").Bind("ids", abandon).Bind("now", now),
                },
            };
            if (retry.Length > 0 && WakeCommand(StoreChanges.Runs) is { } wake) b.BatchCommands.Add(wake);
            await b.ExecuteNonQueryAsync(ct);
            return orphans.Select(o => new RunRescueResult(o.Id, o.Attempt < o.MaxAttempts ? RunStatus.Scheduled : RunStatus.Abandoned, o.Attempt)).ToList();
        }, ct);
}
