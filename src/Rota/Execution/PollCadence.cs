using Rota.Storage;

namespace Rota.Execution;

/// <summary>How long an idle loop may wait before looking at the store for other processes' work: the poll interval,
/// or the much longer listening interval while the store pushes those changes (PostgreSQL LISTEN connected).</summary>
internal sealed class PollCadence(RotaOptions options, IRotaStore store)
{
    private readonly IStoreNotifier? _notifier = store as IStoreNotifier is { NotificationsEnabled: true } n ? n : null;

    public TimeSpan Current => _notifier is { IsListening: true } ? options.ListeningPollInterval : options.PollInterval;
}
