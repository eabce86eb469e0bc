using Npgsql;
using Rota.Storage;
using Rota.Storage.Postgres;
using Rota.TestSupport;

namespace Rota.Crawler.Tests.Crawling;

/// <summary>The store a crawl test runs on: a SQLite file, or a PostgreSQL schema of its own on the server named by
/// <c>ROTA_TEST_PG</c> (dropped on dispose).</summary>
internal sealed class CrawlStore : IAsyncDisposable
{
    private readonly TestSqlite? _sqlite;
    private readonly PostgresStore? _postgres;
    private readonly string? _schema;

    private CrawlStore(IRotaStore store, TestSqlite? sqlite, PostgresStore? postgres, string? schema)
    {
        Store = store;
        _sqlite = sqlite;
        _postgres = postgres;
        _schema = schema;
    }

    public IRotaStore Store { get; }

    public static async Task<CrawlStore> CreateAsync(bool postgres, DateTimeOffset now)
    {
        if (!postgres)
        {
            var db = await TestSqlite.CreateAsync(now);
            return new CrawlStore(db.Store, db, null, null);
        }
        var cs = Environment.GetEnvironmentVariable("ROTA_TEST_PG") is { Length: > 0 } s ? s
            : throw new InvalidOperationException("ROTA_TEST_PG is not set: run ./test.sh, which starts a throwaway PostgreSQL");
        var schema = "rota_test_" + Guid.NewGuid().ToString("N")[..16];
        var store = await PostgresStore.OpenAsync(cs, schema);
        await store.MigrationUp(new MigrationUpParams(now));
        return new CrawlStore(store, null, store, schema);
    }

    public async ValueTask DisposeAsync()
    {
        if (_sqlite is not null) await _sqlite.DisposeAsync();
        if (_postgres is null) return;
        await _postgres.DisposeAsync();
        var cs = Environment.GetEnvironmentVariable("ROTA_TEST_PG")!;
        await using var c = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(cs) { Pooling = false }.ConnectionString);
        await c.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP SCHEMA IF EXISTS {_schema} CASCADE", c);
        await drop.ExecuteNonQueryAsync();
    }
}
