namespace Rota.Storage.Tests;

/// <summary>The conformance suite on PostgreSQL (ROTA_TEST_PG); each test gets its own schema, dropped after.</summary>
public sealed class PostgresStoreConformanceTests : StoreConformanceTests, IAsyncDisposable
{
    private readonly List<TestPostgres> _dbs = [];

    protected override async Task<IRotaStore> CreateStoreAsync()
    {
        var db = await TestPostgres.CreateAsync(T0);
        _dbs.Add(db);
        return db.Store;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var db in _dbs) await db.DisposeAsync();
    }
}
