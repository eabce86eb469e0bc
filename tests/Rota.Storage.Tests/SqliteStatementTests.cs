using Microsoft.Data.Sqlite;
using Rota.Storage.Sqlite;
using Rota.TestSupport;

namespace Rota.Storage.Tests;

public sealed class SqliteStatementTests
{
    [Fact]
    public async Task EveryStatement_PreparesOnAFreshlyMigratedDatabase()
    {
        await using var db = await TestSqlite.CreateAsync();
        await using var c = new SqliteConnection($"Data Source={db.Path}");
        await c.OpenAsync();
        var names = SqliteStore.Statements.Names.Order().ToList();
        Assert.True(names.Count > 40, $"expected the full statement set, found {names.Count}");
        var failures = new List<string>();
        foreach (var name in names)
        {
            await using var cmd = c.CreateCommand();
            cmd.CommandText = SqliteStore.Statements[name];
            try { cmd.Prepare(); }
            catch (SqliteException ex) { failures.Add($"{name}: {ex.Message}"); }
        }
        Assert.Empty(failures);
    }

    [Fact]
    public async Task OpenedDatabase_UsesWalAndPassesIntegrityCheck()
    {
        await using var db = await TestSqlite.CreateAsync();
        await using var c = new SqliteConnection($"Data Source={db.Path}");
        await c.OpenAsync();
        await using var cmd = c.CreateCommand();
        cmd.CommandText = "PRAGMA journal_mode;";
        Assert.Equal("wal", (string?)await cmd.ExecuteScalarAsync());
        Assert.Equal("ok", await db.Store.IntegrityCheck());
    }

    [Fact]
    public async Task OpenAsync_UnwritablePath_FailsWithStoreCode()
    {
        var ex = await Assert.ThrowsAsync<RotaException>(() => SqliteStore.OpenAsync("/proc/rota-cannot-exist/x.db"));
        Assert.StartsWith("store.", ex.Code);
    }
}
