using Dapper;
using Rota.Runs;
using Rota.Storage;

namespace Rota.Storage.Sqlite;

public sealed partial class SqliteStore
{
    public Task<IReadOnlyList<RunRecord>> RunListChildren(long parentRunId, CancellationToken ct = default) =>
        ReadAsync<IReadOnlyList<RunRecord>>(async c => (await c.QueryAsync<RunDbRow>(Sql["RunListChildren"], new { parent_run_id = parentRunId }))
            .Select(SqliteMapping.ToRun).ToList(), ct);

    public Task<bool> RunWake(RunWakeParams p, CancellationToken ct = default) =>
        WriteAsync(async (c, tx) => await c.ExecuteAsync(Sql["RunWake"], new { id = p.RunId, now = Ms(p.Now) }, tx) > 0, ct);
}
