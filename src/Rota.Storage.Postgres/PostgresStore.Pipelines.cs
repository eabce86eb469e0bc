using Dapper;
using Rota.Runs;
using Rota.Storage;
using static Rota.Storage.Postgres.PostgresMapping;

namespace Rota.Storage.Postgres;

public sealed partial class PostgresStore
{
    public Task<IReadOnlyList<RunRecord>> RunListChildren(long parentRunId, CancellationToken ct = default) =>
        Read<IReadOnlyList<RunRecord>>(async c => (await c.QueryAsync<RunDbRow>(Sql["RunListChildren"], new { parent_run_id = parentRunId }))
            .Select(ToRun).ToList(), ct);

    public Task<bool> RunWake(RunWakeParams p, CancellationToken ct = default) =>
        Write(async (c, tx) => await c.ExecuteAsync(Sql["RunWake"], new { id = p.RunId, now = Utc(p.Now) }, tx) > 0, ct, StoreChanges.Runs);
}
