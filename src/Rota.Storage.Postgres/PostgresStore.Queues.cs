using Dapper;
using Rota.Storage;

namespace Rota.Storage.Postgres;

public sealed partial class PostgresStore
{
    public async Task<QueueRow> QueueUpsert(QueueUpsertParams p, CancellationToken ct = default)
    {
        await Write((c, tx) => c.ExecuteAsync(Sql["QueueUpsert"], new { name = p.Name, concurrency = p.Concurrency }, tx), ct);
        return (await QueueList(ct)).First(q => q.Name == p.Name);
    }

    public Task<IReadOnlyList<QueueRow>> QueueList(CancellationToken ct = default) =>
        Read<IReadOnlyList<QueueRow>>(async c =>
            (await c.QueryAsync<(string Name, int Concurrency, bool Paused, long Waiting, long Running)>(Sql["QueueList"]))
            .Select(q => new QueueRow(q.Name, q.Concurrency, q.Paused, (int)q.Waiting, (int)q.Running)).ToList(), ct);

    public Task<bool> QueueSetPaused(QueueSetPausedParams p, CancellationToken ct = default) =>
        Write(async (c, tx) => await c.ExecuteAsync(Sql["QueueSetPaused"], new { name = p.Name, paused = p.Paused }, tx) > 0, ct,
            p.Paused ? StoreChanges.None : StoreChanges.Runs);
}
