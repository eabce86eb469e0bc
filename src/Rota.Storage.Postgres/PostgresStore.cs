using System.Data;
using System.Text.RegularExpressions;
using Dapper;
using Microsoft.Extensions.Logging;
using Npgsql;
using Rota.Storage;

namespace Rota.Storage.Postgres;

/// <summary>
/// The cluster store: every node shares one PostgreSQL database. Tables live in one schema (default <c>rota</c>,
/// created by the first migration when missing), reached through the connection's search_path. Connections come from
/// an <see cref="NpgsqlDataSource"/> pool with automatic preparation of repeated statements. Every Npgsql or
/// PostgreSQL error leaves the store as a <see cref="RotaException"/> (see <see cref="PostgresErrors"/>).
/// </summary>
public sealed partial class PostgresStore : IRotaStore, IStoreNotifier
{
    /// <summary>The schema used when none is given.</summary>
    public const string DefaultSchema = "rota";

    /// <summary>How long PostgreSQL lets one of this store's sessions sit idle inside a transaction before ending it
    /// (releasing its locks): 5 s, far below any sensible lease. Rota never waits inside a transaction, so only a frozen
    /// or cut-off node hits it.</summary>
    public static readonly TimeSpan IdleInTransactionTimeout = TimeSpan.FromSeconds(5);

    private static readonly SqlCatalog Sql = SqlCatalog.FromAssembly(typeof(PostgresStore).Assembly);
    private readonly NpgsqlDataSource _dataSource;
    // Reads outside a transaction (the API's lists, lookups) multiplex: concurrent commands share a few physical
    // connections and go out in common writes, which about halves both this process's and PostgreSQL's CPU per request
    // under load. Transactions, claims and completions keep their own connections (_dataSource).
    private readonly NpgsqlDataSource _readSource;

    static PostgresStore()
    {
        DefaultTypeMap.MatchNamesWithUnderscores = true;
    }

    private PostgresStore(NpgsqlDataSource dataSource, NpgsqlDataSource readSource, string schema, string host, PostgresNotifier notifier)
    {
        _dataSource = dataSource;
        _readSource = readSource;
        Notifier = notifier;
        Schema = schema;
        Host = host;
    }

    public string Dialect => "postgres";

    /// <summary>The schema holding Rota's tables.</summary>
    public string Schema { get; }

    /// <summary>Host and database, for messages (never the password).</summary>
    public string Host { get; }

    internal static SqlCatalog Statements => Sql;

    /// <summary>LISTEN/NOTIFY wake-ups of this store instance.</summary>
    public PostgresNotifier Notifier { get; }

    public bool NotificationsEnabled => Notifier.Enabled;

    public bool IsListening => Notifier.IsListening;

    public Task ListenAsync(Action<StoreChanges> changed, ILogger logger, CancellationToken ct) => Notifier.ListenAsync(changed, logger, ct);

    /// <summary>Creates the store for <paramref name="connectionString"/> (Npgsql keyword format) and
    /// <paramref name="schema"/>; opens no connection and does not migrate. <paramref name="notifications"/> (default on)
    /// sends NOTIFY with writes and lets engines LISTEN; turn it off behind a transaction-pooling proxy (PgBouncer), where
    /// nodes then find other nodes' work by polling.</summary>
    public static PostgresStore Create(string connectionString, string schema = DefaultSchema, bool notifications = true)
    {
        if (!SchemaPattern().IsMatch(schema))
            throw new RotaException("store.invalid_schema", $"store: schema '{schema}' must be a lower-case identifier (a-z, 0-9, _; at most 63 characters, not starting with a digit)");
        NpgsqlDataSourceBuilder builder;
        try
        {
            builder = new NpgsqlDataSourceBuilder(connectionString);
        }
        catch (ArgumentException ex)
        {
            throw new RotaException("store.invalid_connection", $"store: the PostgreSQL connection string is not valid: {ex.Message}", inner: ex);
        }
        var cs = builder.ConnectionStringBuilder;
        cs.SearchPath = schema;
        cs.ApplicationName ??= "rota";
        if (cs.MaxAutoPrepare == 0) cs.MaxAutoPrepare = 128;
        // Rota keeps no session state on pooled connections (advisory locks are transaction-scoped), so the reset
        // statement Npgsql sends before reusing a connection is a wasted round trip and transaction on every use.
        cs.NoResetOnClose = true;
        cs.AutoPrepareMinUsages = 2;
        // Multiplexing applies to the read source only (default on; "Multiplexing=false" in the connection string
        // turns it off): the writing source holds transactions and the notifier needs an unpooled connection.
        var multiplexReads = MultiplexingRequested(connectionString) ?? true;
        cs.Multiplexing = false;
        var readBuilder = new NpgsqlDataSourceBuilder(cs.ConnectionString);
        readBuilder.ConnectionStringBuilder.Multiplexing = multiplexReads;
        foreach (var b in new[] { builder, readBuilder })
            b.UsePhysicalConnectionInitializer(
                c => { using var init = SessionInit(c); init.ExecuteNonQuery(); },
                async c => { await using var init = SessionInit(c); await init.ExecuteNonQueryAsync(); });
        return new PostgresStore(builder.Build(), readBuilder.Build(), schema, $"{cs.Host}:{cs.Port}/{cs.Database ?? cs.Username}",
            new PostgresNotifier(cs, schema, notifications));
    }

    /// <summary>The connection string's own Multiplexing setting, or null when it names none.</summary>
    private static bool? MultiplexingRequested(string connectionString)
    {
        var raw = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
        return raw.TryGetValue("Multiplexing", out var value) && bool.TryParse(value?.ToString(), out var on) ? on : null;
    }

    /// <summary>Creates the store and checks that the server answers.</summary>
    public static async Task<PostgresStore> OpenAsync(string connectionString, string schema = DefaultSchema, bool notifications = true, CancellationToken ct = default)
    {
        var store = Create(connectionString, schema, notifications);
        try
        {
            // The writing source: a multiplexing open need not reach the server.
            await store.Write((_, _) => Task.FromResult(0), ct);
        }
        catch
        {
            await store.DisposeAsync();
            throw;
        }
        return store;
    }

    /// <summary>Runs <paramref name="work"/> on a pooled connection, outside a transaction.</summary>
    private async Task<T> Read<T>(Func<NpgsqlConnection, Task<T>> work, CancellationToken ct)
    {
        try
        {
            await using var c = await _readSource.OpenConnectionAsync(ct);
            return await work(c);
        }
        catch (Exception ex) when (PostgresErrors.Translate(ex, this) is { } rota)
        {
            throw rota;
        }
    }

    /// <summary>Runs <paramref name="work"/> in one READ COMMITTED transaction on a pooled connection; announces
    /// <paramref name="wake"/> to other nodes when it commits.</summary>
    private async Task<T> Write<T>(Func<NpgsqlConnection, NpgsqlTransaction, Task<T>> work, CancellationToken ct, StoreChanges wake = StoreChanges.None)
    {
        try
        {
            await using var c = await _dataSource.OpenConnectionAsync(ct);
            await using var tx = await c.BeginTransactionAsync(IsolationLevel.ReadCommitted, ct);
            var result = await work(c, tx);
            if (WakeCommand(wake) is { } notify)
            {
                await using var b = new NpgsqlBatch(c, tx) { BatchCommands = { notify } };
                await b.ExecuteNonQueryAsync(ct);
            }
            await tx.CommitAsync(ct);
            return result;
        }
        catch (Exception ex) when (PostgresErrors.Translate(ex, this) is { } rota)
        {
            throw rota;
        }
    }

    private static NpgsqlCommand SessionInit(NpgsqlConnection c) =>
        Command("SessionInit", c).Bind("idle_timeout", ((long)IdleInTransactionTimeout.TotalMilliseconds).ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>A command for the catalog statement <paramref name="name"/>.</summary>
    private static NpgsqlCommand Command(string name, NpgsqlConnection c, NpgsqlTransaction? tx = null) =>
        new(Sql[name], c, tx);

    /// <summary>The NOTIFY announcing <paramref name="changes"/>, for the writing transaction's batch; null when there
    /// is nothing to announce or notifications are off.</summary>
    private NpgsqlBatchCommand? WakeCommand(StoreChanges changes) =>
        changes == StoreChanges.None || !Notifier.Enabled ? null : BatchCommand("WakeNotify").Bind("payload", Notifier.Payload(changes));

    /// <summary>A batch command for the catalog statement <paramref name="name"/>.</summary>
    private static NpgsqlBatchCommand BatchCommand(string name) => new(Sql[name]);

    public async ValueTask DisposeAsync()
    {
        await _readSource.DisposeAsync();
        await _dataSource.DisposeAsync();
    }

    /// <summary>Forgets pooled connections (and their prepared statements and type catalogue) after a schema change.</summary>
    private void ClearPools()
    {
        _dataSource.Clear();
        _readSource.Clear();
    }

    [GeneratedRegex("^[a-z_][a-z0-9_]{0,62}$")]
    private static partial Regex SchemaPattern();
}
