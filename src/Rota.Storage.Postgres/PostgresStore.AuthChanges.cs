using Microsoft.Extensions.Logging;
using Rota.Storage;

namespace Rota.Storage.Postgres;

/// <summary>Token and user changes announced by triggers on <c>rota_auth</c> (<see cref="PostgresNotifier"/>'s auth part).</summary>
public sealed partial class PostgresStore : IAuthChangeNotifier
{
    public bool AuthChangesAnnounced => Notifier.Enabled;

    public bool IsListeningForAuthChanges => Notifier.IsListeningForAuthChanges;

    public Task AuthChangesListen(Action changed, ILogger logger, CancellationToken ct) => Notifier.ListenForAuthChangesAsync(changed, logger, ct);
}
