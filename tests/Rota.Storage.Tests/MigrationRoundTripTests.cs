using Rota.Storage.Sqlite;
using Rota.TestSupport;

namespace Rota.Storage.Tests;

/// <summary>From an empty database: up to the latest, down to zero, up again — on both stores.</summary>
public sealed class MigrationRoundTripTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Sqlite_UpFromZero_DownToZero_UpAgain()
    {
        await using var db = await TestSqlite.CreateAsync(T0, migrate: false);
        await RoundTrip(db.Store);
    }

    [Fact]
    public async Task Postgres_UpFromZero_DownToZero_UpAgain()
    {
        await using var db = await TestPostgres.CreateAsync(T0, migrate: false);
        await RoundTrip(db.Store);
    }

    [Fact]
    public async Task Postgres_TwoNodesMigratingAtOnce_ApplyEachMigrationOnce()
    {
        await using var db = await TestPostgres.CreateAsync(T0, migrate: false);
        await using var other = await db.OpenAnotherAsync();
        var results = await Task.WhenAll(db.Store.MigrationUp(new MigrationUpParams(T0)), other.MigrationUp(new MigrationUpParams(T0)));
        var all = (await db.Store.MigrationList()).Select(s => s.Version).ToList();
        Assert.Equal(all, results.SelectMany(r => r).Order());
    }

    private static async Task RoundTrip(IRotaStore store)
    {
        var fresh = await store.MigrationList();
        Assert.NotEmpty(fresh);
        Assert.All(fresh, s => Assert.False(s.Applied));
        var versions = fresh.Select(s => s.Version).ToList();

        Assert.Equal(versions, await store.MigrationUp(new MigrationUpParams(T0)));
        Assert.All(await store.MigrationList(), s => Assert.Equal((true, (DateTimeOffset?)T0), (s.Applied, s.AppliedAt)));
        await store.TaskUpsert(new TaskUpsertParams(new Tasks.TaskDefinition { Name = "before", Handler = "noop" }, T0));

        Assert.Equal(Enumerable.Reverse(versions), await store.MigrationDown(new MigrationDownParams(0)));
        Assert.All(await store.MigrationList(), s => Assert.False(s.Applied));
        Assert.Empty(await store.MigrationDown(new MigrationDownParams(0)));

        Assert.Equal(versions, await store.MigrationUp(new MigrationUpParams(T0)));
        Assert.Null(await store.TaskGet("before"));
        await store.TaskUpsert(new TaskUpsertParams(new Tasks.TaskDefinition { Name = "after", Handler = "noop" }, T0));
        Assert.NotNull(await store.TaskGet("after"));
    }
}
