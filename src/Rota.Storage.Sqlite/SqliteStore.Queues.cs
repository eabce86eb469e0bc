using Dapper;
using Rota.Storage;

namespace Rota.Storage.Sqlite;

public sealed partial class SqliteStore
{
    public async Task<QueueRow> QueueUpsert(QueueUpsertParams p, CancellationToken ct = default)
    {
        await WriteAsync((c, tx) => c.ExecuteAsync(Sql["QueueUpsert"], new { name = p.Name, concurrency = p.Concurrency }, tx), ct);
        return (await QueueList(ct)).First(q => q.Name == p.Name);
    }

    public Task<IReadOnlyList<QueueRow>> QueueList(CancellationToken ct = default) =>
        ReadAsync<IReadOnlyList<QueueRow>>(async c =>
            (await c.QueryAsync<(string Name, long Concurrency, long Paused, long Waiting, long Running)>(Sql["QueueList"]))
            .Select(q => new QueueRow(q.Name, (int)q.Concurrency, q.Paused != 0, (int)q.Waiting, (int)q.Running)).ToList(), ct);

    public Task<bool> QueueSetPaused(QueueSetPausedParams p, CancellationToken ct = default) =>
        WriteAsync(async (c, tx) => await c.ExecuteAsync(Sql["QueueSetPaused"], new { name = p.Name, paused = p.Paused ? 1 : 0 }, tx) > 0, ct);
}
