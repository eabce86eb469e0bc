using Microsoft.Extensions.Logging;
using Rota.Runs;

namespace Rota.Storage;

/// <summary>
/// A store that carries run events between the nodes sharing it (PostgreSQL: NOTIFY on its own channel), so a live view
/// on one node sees runs executed on another. Best effort: events sent while a listener is disconnected are lost.
/// </summary>
public interface IRunEventRelay
{
    /// <summary>False when notifications are off (ROTA_NOTIFICATIONS=off): nothing is sent or received.</summary>
    bool RunEventsEnabled { get; }

    /// <summary>Sends <paramref name="events"/> to the other store instances (in as few notifications as fit).</summary>
    Task RunEventsPublish(IReadOnlyList<RelayedRunEvent> events, CancellationToken ct = default);

    /// <summary>Listens until <paramref name="ct"/> is cancelled, calling <paramref name="received"/> with the events other
    /// instances sent, in their order; reconnects with backoff. Returns at once when disabled.</summary>
    Task RunEventsListen(Action<IReadOnlyList<RelayedRunEvent>> received, ILogger logger, CancellationToken ct);
}

/// <summary>A run event as relayed between nodes: what the live stream shows, with the owner resolved by the sender.</summary>
public sealed record RelayedRunEvent(RunEventKind Kind, long RunId, long TaskId, string TaskName, string? Owner, RunStatus Status,
    int Attempt, int? Progress, string? ProgressText, DateTimeOffset At, double? DurationMs, double? LatenessMs);
