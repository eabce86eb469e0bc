using Dapper;
using Npgsql;
using Rota.Storage;

namespace Rota.Storage.Postgres;

public sealed partial class PostgresStore
{
    private static readonly IReadOnlyList<Migration> Migrations = Migration.FromAssembly(typeof(PostgresStore).Assembly);

    public async Task<IReadOnlyList<MigrationState>> MigrationList(CancellationToken ct = default)
    {
        var applied = await Write((c, tx) => Applied(c, tx), ct);
        return Migrations
            .Select(m => applied.TryGetValue(m.Version, out var at)
                ? new MigrationState(m.Version, m.Name, true, at)
                : new MigrationState(m.Version, m.Name, false, null))
            .ToList();
    }

    public async Task<IReadOnlyList<int>> MigrationUp(MigrationUpParams p, CancellationToken ct = default)
    {
        var target = p.Target ?? Migrations.Count;
        if (target < 0 || target > Migrations.Count)
            throw new RotaException("store.migration_target", $"store: migration target {target} is outside 0..{Migrations.Count}");
        var done = new List<int>();
        foreach (var m in Migrations.Where(m => m.Version <= target))
        {
            // One transaction per migration; MigrationEnsureTable takes the schema's migration lock, so a node that
            // starts at the same time waits and then sees the migration applied.
            var ran = await Write(async (c, tx) =>
            {
                if ((await Applied(c, tx)).ContainsKey(m.Version)) return false;
                await c.ExecuteAsync(m.Up, transaction: tx);
                await c.ExecuteAsync(Sql["MigrationRecord"], new { version = m.Version, name = m.Name, now = PostgresMapping.Utc(p.Now) }, tx);
                return true;
            }, ct);
            if (ran) done.Add(m.Version);
        }
        if (done.Count > 0) ClearPools();
        return done;
    }

    public async Task<IReadOnlyList<int>> MigrationDown(MigrationDownParams p, CancellationToken ct = default)
    {
        if (p.Target < 0 || p.Target > Migrations.Count)
            throw new RotaException("store.migration_target", $"store: migration target {p.Target} is outside 0..{Migrations.Count}");
        var done = new List<int>();
        foreach (var m in Migrations.Where(m => m.Version > p.Target).Reverse())
        {
            var ran = await Write(async (c, tx) =>
            {
                if (!(await Applied(c, tx)).ContainsKey(m.Version)) return false;
                await c.ExecuteAsync(m.Down, transaction: tx);
                await c.ExecuteAsync(Sql["MigrationForget"], new { version = m.Version }, tx);
                return true;
            }, ct);
            if (ran) done.Add(m.Version);
        }
        // Prepared statements name tables that no longer exist: start again with fresh connections.
        if (done.Count > 0) ClearPools();
        return done;
    }

    /// <summary>Takes the migration lock, ensures the schema and table, and reads the applied versions.</summary>
    private static async Task<Dictionary<int, DateTimeOffset>> Applied(NpgsqlConnection c, NpgsqlTransaction tx)
    {
        await c.ExecuteAsync(Sql["MigrationEnsureTable"], transaction: tx);
        var rows = await c.QueryAsync<(int Version, string Name, DateTime AppliedAt)>(Sql["MigrationListApplied"], transaction: tx);
        return rows.ToDictionary(r => r.Version, r => PostgresMapping.At(r.AppliedAt));
    }
}
