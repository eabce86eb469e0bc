using System.Globalization;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Rota.Storage.Postgres;

/// <summary>
/// LISTEN/NOTIFY wake-ups for one store instance. Writers put a <c>WakeNotify</c> into the transaction that inserts
/// runs or changes schedules (one notification per transaction); each node keeps one dedicated, unpooled connection
/// LISTENing on <c>rota_wake</c>, reconnecting with backoff (0.5 s doubling to 15 s). TCP keepalive notices a dead
/// server without sending statements, so an idle node stays idle.
/// </summary>
public sealed partial class PostgresNotifier
{
    private static readonly TimeSpan FirstRetry = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan MaxRetry = TimeSpan.FromSeconds(15);
    private readonly string _connectionString;
    private readonly string _schema;
    private readonly string _instance = Guid.NewGuid().ToString("N")[..12];

    internal PostgresNotifier(NpgsqlConnectionStringBuilder pooled, string schema, bool enabled)
    {
        var cs = new NpgsqlConnectionStringBuilder(pooled.ConnectionString)
        {
            Pooling = false,
            TcpKeepAlive = true,
            TcpKeepAliveTime = 10,
            TcpKeepAliveInterval = 5,
            ApplicationName = (pooled.ApplicationName ?? "rota") + " listener",
        };
        _connectionString = cs.ConnectionString;
        _schema = schema;
        Enabled = enabled;
    }

    /// <summary>False when turned off (e.g. behind PgBouncer transaction pooling): no NOTIFY sent, no LISTEN.</summary>
    public bool Enabled { get; }

    private volatile bool _listening;

    /// <summary>True from a successful LISTEN until the connection fails.</summary>
    public bool IsListening => _listening;

    /// <summary>The payload a writer of this instance sends: schema, sender, what changed.</summary>
    internal string Payload(StoreChanges changes) =>
        string.Create(CultureInfo.InvariantCulture, $"{_schema}:{_instance}:{(int)changes}");

    /// <summary>What a payload announces to this instance: nothing when it is its own or another schema's.</summary>
    internal StoreChanges Parse(string payload)
    {
        var parts = payload.Split(':');
        if (parts.Length != 3 || parts[0] != _schema || parts[1] == _instance) return StoreChanges.None;
        return int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? (StoreChanges)n & StoreChanges.All : StoreChanges.All;
    }

    /// <summary>See <see cref="IStoreNotifier.ListenAsync"/>.</summary>
    public Task ListenAsync(Action<StoreChanges> changed, ILogger logger, CancellationToken ct) =>
        !Enabled ? Task.CompletedTask : KeepListeningAsync("WakeListen",
            payload => { if (Parse(payload) is var what and not StoreChanges.None) changed(what); },
            on =>
            {
                _listening = on;
                // Whatever was committed while not listening was not announced.
                if (on) changed(StoreChanges.All);
            },
            (ex, retrySeconds) => LogListenLost(logger, ex, _schema, retrySeconds),
            () => LogListening(logger, _schema), ct);

    /// <summary>Keeps one LISTEN connection open: reconnects with back-off, reports the first loss and the recovery
    /// once each, and tells <paramref name="listening"/> when it is (not) listening.</summary>
    private async Task KeepListeningAsync(string listenStatement, Action<string> payload, Action<bool> listening,
        Action<Exception, double> lost, Action back, CancellationToken ct)
    {
        var retry = FirstRetry;
        var failing = false;
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await using var c = new NpgsqlConnection(_connectionString);
                c.Notification += (_, e) => payload(e.Payload);
                await c.OpenAsync(ct).ConfigureAwait(false);
                await using (var listen = new NpgsqlCommand(PostgresStore.Statements[listenStatement], c))
                    await listen.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
                if (failing) back();
                failing = false;
                retry = FirstRetry;
                listening(true);
                while (true) await c.WaitAsync(ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested) { listening(false); return; }
            catch (Exception ex)
            {
                listening(false);
                if (!failing) lost(ex, retry.TotalSeconds);
                failing = true;
            }
            try { await Task.Delay(retry, ct).ConfigureAwait(false); }
            catch (OperationCanceledException) { return; }
            retry = retry * 2 < MaxRetry ? retry * 2 : MaxRetry;
        }
    }

    [LoggerMessage(EventId = 6001, Level = LogLevel.Warning, Message = "notifier: LISTEN connection for schema {Schema} lost; polling until it is back (retrying from {RetrySeconds} s)")]
    private static partial void LogListenLost(ILogger logger, Exception ex, string schema, double retrySeconds);

    [LoggerMessage(EventId = 6002, Level = LogLevel.Information, Message = "notifier: listening for wake-ups of schema {Schema} again")]
    private static partial void LogListening(ILogger logger, string schema);
}
