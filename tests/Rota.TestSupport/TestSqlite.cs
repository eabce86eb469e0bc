using Rota.Storage;
using Rota.Storage.Sqlite;

namespace Rota.TestSupport;

/// <summary>A migrated SQLite store in its own temp directory (each test its own file: a shared one causes SQLITE_BUSY).</summary>
public sealed class TestSqlite : IAsyncDisposable
{
    private readonly TempDirectory _dir;

    private TestSqlite(TempDirectory dir, SqliteStore store)
    {
        _dir = dir;
        Store = store;
    }

    public SqliteStore Store { get; }

    public string Path => Store.Path;

    public string Directory => _dir.Path;

    public static async Task<TestSqlite> CreateAsync(DateTimeOffset? now = null, bool migrate = true)
    {
        var dir = new TempDirectory();
        var store = await SqliteStore.OpenAsync(dir.File("rota.db"));
        if (migrate) await store.MigrationUp(new MigrationUpParams(now ?? new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero)));
        return new TestSqlite(dir, store);
    }

    public async ValueTask DisposeAsync()
    {
        await Store.DisposeAsync();
        _dir.Dispose();
    }
}
