using Npgsql;
using Rota.Storage.Postgres;

namespace Rota.Storage.Tests;

/// <summary>
/// A PostgreSQL store in its own schema with a random name on the server named by <c>ROTA_TEST_PG</c>, dropped on
/// dispose, so tests never see each other's rows. Without <c>ROTA_TEST_PG</c> it fails with the fix.
/// </summary>
public sealed class TestPostgres : IAsyncDisposable
{
    public const string Missing = "ROTA_TEST_PG is not set: run ./test.sh, which starts a throwaway PostgreSQL";

    private TestPostgres(string connectionString, string schema, PostgresStore store)
    {
        ConnectionString = connectionString;
        Schema = schema;
        Store = store;
    }

    public string ConnectionString { get; }
    public string Schema { get; }
    public PostgresStore Store { get; }

    /// <summary>The server's connection string; throws with the setup command when it is not set.</summary>
    public static string ServerConnectionString() =>
        Environment.GetEnvironmentVariable("ROTA_TEST_PG") is { Length: > 0 } cs ? cs : throw new InvalidOperationException(Missing);

    public static async Task<TestPostgres> CreateAsync(DateTimeOffset? now = null, bool migrate = true)
    {
        var cs = ServerConnectionString();
        var schema = "rota_test_" + Guid.NewGuid().ToString("N")[..16];
        var store = await PostgresStore.OpenAsync(cs, schema);
        if (migrate) await store.MigrationUp(new MigrationUpParams(now ?? new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero)));
        return new TestPostgres(cs, schema, store);
    }

    /// <summary>A second store on the same schema (another node).</summary>
    public Task<PostgresStore> OpenAnotherAsync() => PostgresStore.OpenAsync(ConnectionString, Schema);

    /// <summary>A plain connection whose search_path is this test's schema.</summary>
    public async Task<NpgsqlConnection> ConnectAsync()
    {
        var c = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(ConnectionString) { SearchPath = Schema, Pooling = false }.ConnectionString);
        await c.OpenAsync();
        return c;
    }

    public async ValueTask DisposeAsync()
    {
        await Store.DisposeAsync();
        await using var c = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(ConnectionString) { Pooling = false }.ConnectionString);
        await c.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP SCHEMA IF EXISTS {Schema} CASCADE", c);
        await drop.ExecuteNonQueryAsync();
    }
}
