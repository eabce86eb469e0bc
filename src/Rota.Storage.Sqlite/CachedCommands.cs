using System.Data;
using Microsoft.Data.Sqlite;

namespace Rota.Storage.Sqlite;

/// <summary>
/// Prepared commands, kept for the life of their connection (the writer's hot writes; each pooled reader's hot reads). Microsoft.Data.Sqlite
/// compiles a statement afresh for every new command (dotnet/efcore#14044); for the claim and completion statements that
/// compilation cost more than running them. A connection is used by one caller at a time, so one instance per name is enough.
/// </summary>
internal sealed class CachedCommands(SqliteConnection connection) : IDisposable
{
    private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);

    /// <summary>The prepared command <paramref name="name"/> from the SQL catalog, enlisted in <paramref name="tx"/>.</summary>
    public SqliteCommand Get(string name, IDbTransaction? tx)
    {
        if (!_commands.TryGetValue(name, out var cmd))
        {
            cmd = connection.CreateCommand();
            cmd.CommandText = SqliteStore.Statements[name];
            _commands[name] = cmd;
        }
        cmd.Transaction = (SqliteTransaction?)tx;
        return cmd;
    }

    public void Dispose()
    {
        foreach (var cmd in _commands.Values) cmd.Dispose();
        _commands.Clear();
    }
}

/// <summary>Binding helpers for <see cref="CachedCommands"/>: parameters are created once and re-bound on each use.</summary>
internal static class SqliteCommandBinding
{
    public static SqliteCommand With(this SqliteCommand cmd, string name, object? value)
    {
        var key = "@" + name;
        var index = cmd.Parameters.IndexOf(key);
        if (index < 0) cmd.Parameters.Add(new SqliteParameter(key, value ?? DBNull.Value));
        else cmd.Parameters[index].Value = value ?? DBNull.Value;
        return cmd;
    }
}
