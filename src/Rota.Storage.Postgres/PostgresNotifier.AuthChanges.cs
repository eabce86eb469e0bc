using Microsoft.Extensions.Logging;

namespace Rota.Storage.Postgres;

// ---- Token and user changes (IAuthChangeNotifier): announced by the triggers of migration 9 on their own channel
// ---- (rota_auth, payload = schema), received on an own listening connection.
public sealed partial class PostgresNotifier
{
    private volatile bool _listeningForAuthChanges;

    /// <summary>True from a successful LISTEN on the auth channel until that connection fails.</summary>
    public bool IsListeningForAuthChanges => _listeningForAuthChanges;

    /// <summary>See <see cref="IAuthChangeNotifier.AuthChangesListen"/>: a dedicated connection, reconnecting like the
    /// wake-up listener; <paramref name="changed"/> also runs on every (re)connect and loss.</summary>
    public Task ListenForAuthChangesAsync(Action changed, ILogger logger, CancellationToken ct) =>
        !Enabled ? Task.CompletedTask : KeepListeningAsync("AuthChangesListen",
            payload => { if (payload == _schema) changed(); },
            on =>
            {
                // Losing: stop trusting the cache first. Listening again: forget first, then trust.
                if (!on) _listeningForAuthChanges = false;
                changed();
                if (on) _listeningForAuthChanges = true;
            },
            (ex, retrySeconds) => LogAuthChangesLost(logger, ex, _schema, retrySeconds),
            () => LogAuthChangesListening(logger, _schema), ct);

    [LoggerMessage(EventId = 6005, Level = LogLevel.Warning, Message = "notifier: auth-changes connection for schema {Schema} lost; API tokens are read on every request until it is back (retrying from {RetrySeconds} s)")]
    private static partial void LogAuthChangesLost(ILogger logger, Exception ex, string schema, double retrySeconds);

    [LoggerMessage(EventId = 6006, Level = LogLevel.Information, Message = "notifier: receiving token and user changes of schema {Schema} again")]
    private static partial void LogAuthChangesListening(ILogger logger, string schema);
}
