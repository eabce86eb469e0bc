using Rota.Storage.Sqlite;
using Rota.TestSupport;

namespace Rota.Storage.Tests;

/// <summary>The conformance suite on the embedded SQLite store; each test gets its own database file.</summary>
public sealed class SqliteStoreConformanceTests : StoreConformanceTests, IAsyncDisposable
{
    private readonly List<TestSqlite> _dbs = [];

    protected override async Task<IRotaStore> CreateStoreAsync()
    {
        var db = await TestSqlite.CreateAsync(T0);
        _dbs.Add(db);
        return db.Store;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var db in _dbs) await db.DisposeAsync();
    }
}
