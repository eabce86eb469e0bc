using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Rota.Runs;
using Rota.Storage;

namespace Rota.Server.Live;

/// <summary>
/// Carries run events between the nodes of a cluster so <c>/api/v1/events</c> on any node shows runs executed on every
/// node: this node's started/progress/finished events go out through the store's <see cref="IRunEventRelay"/>
/// (PostgreSQL NOTIFY), with the owner resolved here so receivers keep filtering by the caller's scope; other nodes'
/// events go into the <see cref="EventHub"/>. Bounded: at most one progress event per run per second, one send
/// (a few notifications) per 100 ms, 10,000 queued events — beyond that live events are dropped, never the engine slowed.
/// Does nothing on a store without a relay (SQLite) or with notifications off.
/// </summary>
public sealed partial class ClusterEventRelay : BackgroundService
{
    private static readonly TimeSpan ProgressInterval = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan SendInterval = TimeSpan.FromMilliseconds(100);
    private const int MaxQueued = 10_000;
    private const int MaxPerSend = 500;
    private readonly RotaEngine _engine;
    private readonly IRunEventRelay? _relay;
    private readonly EventHub _hub;
    private readonly RunOwners _owners;
    private readonly ILogger<ClusterEventRelay> _logger;
    private readonly ConcurrentDictionary<long, DateTimeOffset> _lastProgress = new();
    private readonly Channel<RunEvent> _outgoing = Channel.CreateBounded<RunEvent>(
        new BoundedChannelOptions(MaxQueued) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });

    public ClusterEventRelay(RotaEngine engine, IRotaStore store, EventHub hub, RunOwners owners, ILogger<ClusterEventRelay> logger)
    {
        _engine = engine;
        _relay = store is IRunEventRelay { RunEventsEnabled: true } relay ? relay : null;
        _hub = hub;
        _owners = owners;
        _logger = logger;
    }

    /// <summary>True when this node sends and receives run events (a PostgreSQL store with notifications on).</summary>
    public bool IsRelaying => _relay is not null;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (_relay is null) return;
        _engine.RunChanged += OnRunChanged;
        var listening = _relay.RunEventsListen(_hub.PublishRelayed, _logger, stoppingToken);
        try
        {
            await SendAsync(_relay, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
        finally
        {
            _engine.RunChanged -= OnRunChanged;
            await listening;
        }
    }

    private void OnRunChanged(RunEvent e)
    {
        if (e.Kind == RunEventKind.Progress)
        {
            if (_lastProgress.TryGetValue(e.RunId, out var last) && e.At - last < ProgressInterval) return;
            _lastProgress[e.RunId] = e.At;
        }
        else if (e.Kind == RunEventKind.Finished) _lastProgress.TryRemove(e.RunId, out _);
        _outgoing.Writer.TryWrite(e);
    }

    private async Task SendAsync(IRunEventRelay relay, CancellationToken ct)
    {
        var failing = false;
        while (await _outgoing.Reader.WaitToReadAsync(ct))
        {
            var batch = new List<RelayedRunEvent>();
            try
            {
                while (batch.Count < MaxPerSend && _outgoing.Reader.TryRead(out var e)) batch.Add(await RelayedAsync(e));
                await relay.RunEventsPublish(batch, ct);
                failing = false;
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                // Live events are best effort: a store outage loses them (clients re-read state on reconnect).
                if (!failing) LogSendFailed(_logger, ex, batch.Count);
                failing = true;
            }
            await Task.Delay(SendInterval, ct);
        }
    }

    private async Task<RelayedRunEvent> RelayedAsync(RunEvent e)
    {
        var owner = await _owners.OwnerAsync(e);
        if (e.Kind == RunEventKind.Finished) _owners.Forget(e.RunId);
        return new RelayedRunEvent(e.Kind, e.RunId, e.TaskId, e.TaskName, owner, e.Status, e.Attempt, e.Progress, e.ProgressText, e.At,
            e.Duration?.TotalMilliseconds, e.Lateness?.TotalMilliseconds);
    }

    [LoggerMessage(EventId = 7101, Level = LogLevel.Warning, Message = "events: could not relay {Count} run events to other nodes; their live streams miss them")]
    private static partial void LogSendFailed(ILogger logger, Exception ex, int count);
}
