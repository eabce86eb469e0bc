using System.Data;
using Dapper;
using Microsoft.Data.Sqlite;
using Rota.Storage;

namespace Rota.Storage.Sqlite;

/// <summary>
/// The embedded store: one SQLite file in WAL mode. All writes go through one connection, serialized by a
/// lock and grouped into transactions (the engine batches inserts and completions); reads use pooled connections.
/// </summary>
public sealed partial class SqliteStore : IRotaStore
{
    private static readonly SqlCatalog Sql = SqlCatalog.FromAssembly(typeof(SqliteStore).Assembly);
    private readonly string _connectionString;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private SqliteConnection? _writer;
    private CachedCommands? _commands;
    private readonly ReaderPool _readers;

    static SqliteStore()
    {
        DefaultTypeMap.MatchNamesWithUnderscores = true;
    }

    private SqliteStore(string path)
    {
        Path = System.IO.Path.GetFullPath(path);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path,
            ForeignKeys = true,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
        _readers = new ReaderPool(_connectionString);
    }

    public string Dialect => "sqlite";

    /// <summary>Full path of the database file.</summary>
    public string Path { get; }

    internal static SqlCatalog Statements => Sql;

    /// <summary>Opens (creating when missing) the database file and its directory; does not migrate.</summary>
    public static async Task<SqliteStore> OpenAsync(string path, CancellationToken ct = default)
    {
        var store = new SqliteStore(path);
        try
        {
            var dir = System.IO.Path.GetDirectoryName(store.Path);
            if (!string.IsNullOrEmpty(dir)) Directory.CreateDirectory(dir);
            var writer = new SqliteConnection(store._connectionString);
            await writer.OpenAsync(ct);
            await writer.ExecuteAsync("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA temp_store=MEMORY;");
            store._writer = writer;
            store._commands = new CachedCommands(writer);
        }
        catch (Exception ex) when (ex is SqliteException or IOException or UnauthorizedAccessException)
        {
            throw new RotaException("store.open_failed", $"store: cannot open SQLite database '{store.Path}': {ex.Message}", inner: ex);
        }
        return store;
    }

    private async Task<T> ReadAsync<T>(Func<SqliteConnection, Task<T>> work, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        var reader = _readers.Rent();
        try
        {
            return await work(reader.Connection);
        }
        finally
        {
            _readers.Return(reader);
        }
    }

    /// <summary>Runs the catalog statement <paramref name="name"/> on a rented reader's prepared command: hot reads.</summary>
    private Task<T> ReadCached<T>(string name, Func<SqliteCommand, SqliteCommand> bind, Func<SqliteDataReader, T> read, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        var reader = _readers.Rent();
        try
        {
            using var r = bind(reader.Commands.Get(name, null)).ExecuteReader();
            return Task.FromResult(read(r));
        }
        finally
        {
            _readers.Return(reader);
        }
    }

    /// <summary>Runs <paramref name="work"/> in one write transaction on the single writer connection.</summary>
    private async Task<T> WriteAsync<T>(Func<SqliteConnection, IDbTransaction, Task<T>> work, CancellationToken ct)
    {
        var writer = _writer ?? throw new ObjectDisposedException(nameof(SqliteStore));
        await _writeLock.WaitAsync(ct);
        try
        {
            await using var tx = await writer.BeginTransactionAsync(IsolationLevel.Serializable, ct);
            var result = await work(writer, tx);
            await tx.CommitAsync(ct);
            return result;
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>The cached prepared command <paramref name="name"/>; only inside <see cref="WriteAsync"/>.</summary>
    private SqliteCommand Cached(string name, IDbTransaction tx) =>
        (_commands ?? throw new ObjectDisposedException(nameof(SqliteStore))).Get(name, tx);

    /// <summary>Runs <c>PRAGMA integrity_check</c>; "ok" when the file is sound.</summary>
    public Task<string> IntegrityCheck(CancellationToken ct = default) =>
        ReadAsync(async c => await c.ExecuteScalarAsync<string>("PRAGMA integrity_check;") ?? "", ct);

    public async ValueTask DisposeAsync()
    {
        await _writeLock.WaitAsync();
        try
        {
            _commands?.Dispose();
            _commands = null;
            _readers.Dispose();
            if (_writer is not null)
            {
                await _writer.DisposeAsync();
                _writer = null;
            }
        }
        finally
        {
            _writeLock.Release();
        }
        SqliteConnection.ClearPool(new SqliteConnection(_connectionString));
    }

    private static long Ms(DateTimeOffset t) => t.ToUnixTimeMilliseconds();
    private static long? Ms(DateTimeOffset? t) => t?.ToUnixTimeMilliseconds();
    private static DateTimeOffset At(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms);
    private static DateTimeOffset? At(long? ms) => ms is { } v ? DateTimeOffset.FromUnixTimeMilliseconds(v) : null;
}
