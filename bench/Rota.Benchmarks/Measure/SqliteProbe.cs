using Microsoft.Data.Sqlite;

namespace Rota.Benchmarks.Measure;

/// <summary>A read-only connection of the harness's own to a system's SQLite file, for "is everything completed in
/// the store" checks. Queries must be O(1) (EXISTS over an index) so that polling does not tax the system measured.</summary>
internal sealed class SqliteProbe : IAsyncDisposable
{
    private readonly SqliteConnection _connection;

    private SqliteProbe(SqliteConnection connection) => _connection = connection;

    public static async Task<SqliteProbe> OpenAsync(string path)
    {
        var cs = new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false, DefaultTimeout = 30 };
        var connection = new SqliteConnection(cs.ToString());
        await connection.OpenAsync();
        return new SqliteProbe(connection);
    }

    public async Task<long> ScalarAsync(string sql)
    {
        await using var command = _connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public ValueTask DisposeAsync() => _connection.DisposeAsync();
}
