using Npgsql;
using Rota.Benchmarks.Cli;

namespace Rota.Benchmarks.Measure;

/// <summary>
/// A fresh database for one child run on the server named by <c>ROTA_BENCH_PG</c> (or <c>ROTA_TEST_PG</c>), dropped
/// on dispose. A database of its own keeps pg_stat_database's commit counters to this system alone. The harness's own
/// queries (drain polls, counter reads) go through one monitor connection and are counted, so they can be subtracted.
/// </summary>
internal sealed class PgDatabase : IAsyncDisposable
{
    /// <summary>Backends flush their statistics at most once a second and, when idle with pending figures, within
    /// 10 s (PostgreSQL 15's PGSTAT_IDLE_INTERVAL): counters are read after this long without activity.</summary>
    public static readonly TimeSpan StatsFlushWait = TimeSpan.FromSeconds(11);

    private readonly string _server;
    private readonly NpgsqlConnection _monitor;
    private long _monitorCommands;

    private PgDatabase(string server, string name, string connectionString, NpgsqlConnection monitor)
    {
        _server = server;
        Name = name;
        ConnectionString = connectionString;
        _monitor = monitor;
    }

    public string Name { get; }

    /// <summary>The connection string of this run's database.</summary>
    public string ConnectionString { get; }

    /// <summary>The server's connection string, or a usage error naming the variables.</summary>
    public static string ServerConnectionString() =>
        Environment.GetEnvironmentVariable("ROTA_BENCH_PG") is { Length: > 0 } a ? a
        : Environment.GetEnvironmentVariable("ROTA_TEST_PG") is { Length: > 0 } b ? b
        : throw new UsageException("PostgreSQL systems need a server: set ROTA_BENCH_PG (or ROTA_TEST_PG) to a connection string, "
            + "e.g. \"Host=127.0.0.1;Port=5432;Username=postgres;Database=postgres\" (the user must be allowed to CREATE DATABASE)");

    public static async Task<PgDatabase> CreateAsync(string system)
    {
        var server = ServerConnectionString();
        var name = ("rota_bench_" + system.Replace('-', '_') + "_" + Guid.NewGuid().ToString("N")[..8]).ToLowerInvariant();
        await using (var admin = await OpenAsync(server, null))
        await using (var create = new NpgsqlCommand($"CREATE DATABASE {name}", admin))
            await create.ExecuteNonQueryAsync();
        var cs = new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
        return new PgDatabase(server, name, cs, await OpenAsync(cs, null));
    }

    /// <summary>Vacuums and analyzes the database now, so autovacuum (whose transactions pg_stat_database counts too)
    /// has nothing left to do on the set-up's rows during a measured window.</summary>
    public async Task SettleAsync()
    {
        await using var command = new NpgsqlCommand("VACUUM (ANALYZE)", _monitor) { CommandTimeout = 300 };
        await command.ExecuteNonQueryAsync();
        _monitorCommands++;
    }

    /// <summary>A scalar query on the monitor connection (one autocommit transaction, counted).</summary>
    public async Task<long> ScalarAsync(string sql)
    {
        await using var command = new NpgsqlCommand(sql, _monitor);
        var value = await command.ExecuteScalarAsync();
        _monitorCommands++;
        return Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>This database's transaction counters as flushed so far, with the monitor's own count before this read.</summary>
    public async Task<PgCounters> CountersAsync()
    {
        var before = _monitorCommands;
        await using var command = new NpgsqlCommand("SELECT xact_commit, xact_rollback FROM pg_stat_database WHERE datname = current_database()", _monitor);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        var counters = new PgCounters(reader.GetInt64(0), reader.GetInt64(1), before);
        _monitorCommands++;
        return counters;
    }

    public async ValueTask DisposeAsync()
    {
        await _monitor.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        await using var admin = await OpenAsync(_server, null);
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {Name} WITH (FORCE)", admin);
        await drop.ExecuteNonQueryAsync();
    }

    private static async Task<NpgsqlConnection> OpenAsync(string cs, string? database)
    {
        var b = new NpgsqlConnectionStringBuilder(cs) { Pooling = false };
        if (database is not null) b.Database = database;
        var c = new NpgsqlConnection(b.ConnectionString);
        await c.OpenAsync();
        return c;
    }
}
