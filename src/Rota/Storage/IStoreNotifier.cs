using Microsoft.Extensions.Logging;

namespace Rota.Storage;

/// <summary>
/// Optional capability of a store shared by several processes: pushes a wake-up when another process commits runs or
/// schedule changes, so nodes react at once instead of on their poll interval. Polling stays as the fallback; a store
/// without it (SQLite, one process) simply does not implement this.
/// </summary>
public interface IStoreNotifier
{
    /// <summary>False when notifications are turned off (e.g. behind a transaction-pooling proxy that drops LISTEN).</summary>
    bool NotificationsEnabled { get; }

    /// <summary>True while the listening connection is up: changes by other processes arrive as they commit, so a node
    /// may poll rarely (<see cref="RotaOptions.ListeningPollInterval"/>).</summary>
    bool IsListening { get; }

    /// <summary>
    /// Listens until <paramref name="ct"/> is cancelled, calling <paramref name="changed"/> for each change committed by
    /// another store instance, and with <see cref="StoreChanges.All"/> after every (re)connect since changes may have
    /// been missed meanwhile. Reconnects with backoff, logging the loss once to <paramref name="logger"/>; only ends by
    /// cancellation. Returns at once when disabled.
    /// </summary>
    Task ListenAsync(Action<StoreChanges> changed, ILogger logger, CancellationToken ct);
}
