using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;

namespace Rota.Storage.Sqlite;

/// <summary>
/// Open read connections, each with its own prepared commands. Opening a pooled Microsoft.Data.Sqlite connection re-runs
/// its pragmas, and every new command compiles its SQL again (~100 µs for the runs list) — more than the query itself —
/// so the API's hot reads rent a connection whose statements are already compiled. At most <see cref="MaxIdle"/> stay open.
/// </summary>
internal sealed class ReaderPool(string connectionString) : IDisposable
{
    private const int MaxIdle = 16;
    private readonly ConcurrentBag<PooledReader> _idle = [];
    private bool _disposed;

    public PooledReader Rent()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_idle.TryTake(out var reader)) return reader;
        var c = new SqliteConnection(connectionString);
        c.Open();
        return new PooledReader(c, new CachedCommands(c));
    }

    public void Return(PooledReader reader)
    {
        if (_disposed || _idle.Count >= MaxIdle) reader.Dispose();
        else _idle.Add(reader);
    }

    public void Dispose()
    {
        _disposed = true;
        while (_idle.TryTake(out var r)) r.Dispose();
    }
}

internal sealed class PooledReader(SqliteConnection connection, CachedCommands commands) : IDisposable
{
    private readonly Dictionary<string, RunListStatement> _runLists = new(StringComparer.Ordinal);

    public SqliteConnection Connection { get; } = connection;
    public CachedCommands Commands { get; } = commands;

    /// <summary>The runs-list statement <paramref name="name"/>, prepared on this connection at first use.</summary>
    public RunListStatement RunList(string name)
    {
        if (!_runLists.TryGetValue(name, out var statement))
            _runLists[name] = statement = RunListStatement.Prepare(Connection, SqliteStore.Statements[name]);
        return statement;
    }

    public void Dispose()
    {
        foreach (var statement in _runLists.Values) statement.Dispose();
        Commands.Dispose();
        Connection.Dispose();
    }
}
