using Dapper;
using Rota.Storage;

namespace Rota.Storage.Sqlite;

public sealed partial class SqliteStore
{
    private static readonly IReadOnlyList<Migration> Migrations = Migration.FromAssembly(typeof(SqliteStore).Assembly);

    public async Task<IReadOnlyList<MigrationState>> MigrationList(CancellationToken ct = default)
    {
        var applied = await WriteAsync(async (c, tx) =>
        {
            await c.ExecuteAsync(Sql["MigrationEnsureTable"], transaction: tx);
            return (await c.QueryAsync<(long Version, string Name, long AppliedAt)>(Sql["MigrationListApplied"], transaction: tx)).ToList();
        }, ct);
        return Migrations
            .Select(m => applied.FirstOrDefault(a => a.Version == m.Version) is { Name: not null } a
                ? new MigrationState(m.Version, m.Name, true, At(a.AppliedAt))
                : new MigrationState(m.Version, m.Name, false, null))
            .ToList();
    }

    public async Task<IReadOnlyList<int>> MigrationUp(MigrationUpParams p, CancellationToken ct = default)
    {
        var target = p.Target ?? Migrations.Count;
        if (target < 0 || target > Migrations.Count)
            throw new RotaException("store.migration_target", $"store: migration target {target} is outside 0..{Migrations.Count}");
        var done = new List<int>();
        var states = await MigrationList(ct);
        foreach (var m in Migrations.Where(m => m.Version <= target && !states.First(s => s.Version == m.Version).Applied))
        {
            await WriteAsync(async (c, tx) =>
            {
                await c.ExecuteAsync(m.Up, transaction: tx);
                await c.ExecuteAsync(Sql["MigrationRecord"], new { version = m.Version, name = m.Name, now = Ms(p.Now) }, tx);
                return 0;
            }, ct);
            done.Add(m.Version);
        }
        return done;
    }

    public async Task<IReadOnlyList<int>> MigrationDown(MigrationDownParams p, CancellationToken ct = default)
    {
        if (p.Target < 0 || p.Target > Migrations.Count)
            throw new RotaException("store.migration_target", $"store: migration target {p.Target} is outside 0..{Migrations.Count}");
        var done = new List<int>();
        var states = await MigrationList(ct);
        foreach (var m in Migrations.Where(m => m.Version > p.Target && states.First(s => s.Version == m.Version).Applied).Reverse())
        {
            await WriteAsync(async (c, tx) =>
            {
                await c.ExecuteAsync(m.Down, transaction: tx);
                await c.ExecuteAsync(Sql["MigrationForget"], new { version = m.Version }, tx);
                return 0;
            }, ct);
            done.Add(m.Version);
        }
        return done;
    }
}
