using System.Text.RegularExpressions;
using Npgsql;
using Rota.Storage.Postgres;
using Rota.Storage.Sqlite;

namespace Rota.Storage.Tests;

public sealed partial class PostgresStatementTests
{
    [Fact]
    public void StatementNames_AreTheSameInBothDialects()
    {
        var sqlite = SqliteStore.Statements.Names.Order(StringComparer.Ordinal).ToList();
        var postgres = PostgresStore.Statements.Names.Order(StringComparer.Ordinal).ToList();
        Assert.Equal(sqlite, postgres);
    }

    [Fact]
    public async Task EveryStatement_PreparesOnAFreshlyMigratedSchema()
    {
        await using var db = await TestPostgres.CreateAsync();
        await using var c = await db.ConnectAsync();
        var names = PostgresStore.Statements.Names.Order().ToList();
        Assert.True(names.Count > 40, $"expected the full statement set, found {names.Count}");
        var failures = new List<string>();
        foreach (var name in names)
        {
            // Parameters go untyped, so the server must infer every type from the SQL alone (as it must for nulls).
            await using var tx = await c.BeginTransactionAsync();
            await using var cmd = new NpgsqlCommand(PostgresStore.Statements[name], c, tx);
            foreach (var p in ParameterPattern().Matches(cmd.CommandText).Select(m => m.Groups[1].Value).Distinct())
                cmd.Parameters.Add(new NpgsqlParameter(p, DBNull.Value));
            try { await cmd.PrepareAsync(); }
            catch (PostgresException ex) { failures.Add($"{name}: {ex.MessageText}"); }
            await tx.RollbackAsync();
        }
        Assert.Empty(failures);
    }

    [Fact]
    public void Create_InvalidSchemaName_FailsWithStoreCode()
    {
        var ex = Assert.Throws<RotaException>(() => PostgresStore.Create("Host=127.0.0.1;Username=x", "Bad-Name; DROP"));
        Assert.Equal("store.invalid_schema", ex.Code);
    }

    [Fact]
    public async Task OpenAsync_NoServerListening_FailsTransientWithUnavailable()
    {
        var ex = await Assert.ThrowsAsync<RotaException>(() => PostgresStore.OpenAsync("Host=127.0.0.1;Port=1;Username=x;Timeout=3", "rota"));
        Assert.Equal("store.unavailable", ex.Code);
        Assert.True(ex.IsTransient);
    }

    [Fact]
    public async Task UnmigratedSchema_QueryFailsWithNotMigrated()
    {
        await using var db = await TestPostgres.CreateAsync(migrate: false);
        var ex = await Assert.ThrowsAsync<RotaException>(() => db.Store.TaskList(new TaskListParams()));
        Assert.Equal("store.not_migrated", ex.Code);
    }

    [GeneratedRegex(@"(?<![:@\w])@([a-z_][a-z0-9_]*)")]
    private static partial Regex ParameterPattern();
}
