using Microsoft.Extensions.Logging;

namespace Rota.Storage;

/// <summary>
/// Optional capability of a store shared by several processes: announces every committed change to tokens or users (a
/// revocation, an expiry change, a user disabled, re-roled or deleted — by any writer, even manual SQL), so a server may
/// remember tokens it found and still refuse a revoked one on its next request. A store without it (SQLite) is read on
/// every request.
/// </summary>
public interface IAuthChangeNotifier
{
    /// <summary>False when changes are not announced (notifications off, e.g. behind a transaction-pooling proxy).</summary>
    bool AuthChangesAnnounced { get; }

    /// <summary>True while the listening connection is up: from then on every auth change reaches
    /// <see cref="AuthChangesListen"/>'s callback. While false, changes may go unannounced.</summary>
    bool IsListeningForAuthChanges { get; }

    /// <summary>
    /// Listens until <paramref name="ct"/> is cancelled, calling <paramref name="changed"/> after each committed auth
    /// change, after every (re)connect (changes may have been missed meanwhile) and when the connection is lost.
    /// <see cref="IsListeningForAuthChanges"/> turns false before the call for a loss and true after the call for a
    /// (re)connect, so nothing remembered before either counts once listening. Reconnects with
    /// backoff, logging the loss once to <paramref name="logger"/>. Returns at once when not announced.
    /// </summary>
    Task AuthChangesListen(Action changed, ILogger logger, CancellationToken ct);
}
