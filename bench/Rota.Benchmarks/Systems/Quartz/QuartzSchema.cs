using Microsoft.Data.Sqlite;
using Npgsql;

namespace Rota.Benchmarks.Systems.Quartz;

/// <summary>Creates the Quartz ADO job store tables (embedded <c>tables_sqlite.sql</c>) in a fresh SQLite file, in the
/// given journal mode (<c>wal</c> is a property of the file, so Quartz's connections inherit it).</summary>
internal static class QuartzSchema
{
    public static async Task CreateAsync(string path, string journal)
    {
        var ddl = await ReadDdlAsync();
        var cs = new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = false };
        await using var connection = new SqliteConnection(cs.ToString());
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA journal_mode={journal};\n" + ddl;
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Creates the tables (embedded <c>tables_postgres.sql</c>) in the run's fresh PostgreSQL database.</summary>
    public static async Task CreatePostgresAsync(string connectionString)
    {
        var ddl = await ReadDdlAsync("tables_postgres.sql");
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(ddl, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<string> ReadDdlAsync(string name = "tables_sqlite.sql")
    {
        await using var stream = typeof(QuartzSchema).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"quartz: embedded resource {name} is missing");
        using var reader = new StreamReader(stream);
        return await reader.ReadToEndAsync();
    }
}
