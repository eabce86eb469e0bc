using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Rota.Runs;
using Rota.Storage;

namespace Rota.Server.Live;

/// <summary>One event for the <c>/api/v1/events</c> stream: a type (<c>run.started</c>, <c>run.progress</c>,
/// <c>run.finished</c>, <c>task.toggled</c>, <c>source.status_changed</c>), the owner it is scoped to, and a JSON payload.</summary>
public sealed record ServerEvent(long Id, string Type, string? Owner, JsonObject Data);

/// <summary>Fans engine and API events out to connected SSE clients. Each subscriber has a bounded buffer (oldest dropped):
/// a slow client never slows the engine. Owners are looked up once per run (<see cref="RunOwners"/>). Events of runs
/// executed on other nodes arrive through <see cref="PublishRelayed"/> (<see cref="ClusterEventRelay"/>).</summary>
public sealed class EventHub : IDisposable
{
    private readonly ConcurrentDictionary<Guid, Channel<ServerEvent>> _subscribers = new();
    private readonly RunOwners _owners;
    private readonly RotaEngine _engine;
    // Run events go through one queue and one publisher so they reach clients in the order the engine raised them
    // (started, progress…, finished) even when the owner lookup of an earlier event is still in flight.
    private readonly Channel<RunEvent> _runEvents = Channel.CreateUnbounded<RunEvent>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _publisher;
    private long _nextId;

    public EventHub(RotaEngine engine, RunOwners owners)
    {
        _engine = engine;
        _owners = owners;
        _publisher = Task.Run(PublishRunsAsync);
        engine.RunChanged += OnRunChanged;
    }

    public int SubscriberCount => _subscribers.Count;

    public (Guid Id, ChannelReader<ServerEvent> Reader) Subscribe()
    {
        var channel = Channel.CreateBounded<ServerEvent>(new BoundedChannelOptions(1000) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
        var id = Guid.NewGuid();
        _subscribers[id] = channel;
        return (id, channel.Reader);
    }

    public void Unsubscribe(Guid id)
    {
        if (_subscribers.TryRemove(id, out var c)) c.Writer.TryComplete();
    }

    public void Publish(string type, string? owner, JsonObject data)
    {
        if (_subscribers.IsEmpty) return;
        var e = new ServerEvent(Interlocked.Increment(ref _nextId), type, owner, data);
        foreach (var c in _subscribers.Values) c.Writer.TryWrite(e);
    }

    private void OnRunChanged(RunEvent e)
    {
        if (_subscribers.IsEmpty) return;
        _runEvents.Writer.TryWrite(e);
    }

    private async Task PublishRunsAsync()
    {
        await foreach (var e in _runEvents.Reader.ReadAllAsync()) await PublishRunAsync(e);
    }

    private async Task PublishRunAsync(RunEvent e)
    {
        try
        {
            var owner = await _owners.OwnerAsync(e);
            if (e.Kind == RunEventKind.Finished) _owners.Forget(e.RunId);
            PublishRun(e.Kind, owner, e.RunId, e.TaskName, e.Status, e.Attempt, e.Progress, e.ProgressText, e.At,
                e.Duration?.TotalMilliseconds, e.Lateness?.TotalMilliseconds);
        }
        catch (Exception)
        {
            // A store hiccup loses one live event; clients re-read state on reconnect.
        }
    }

    /// <summary>Events of runs another node executes, as that node sent them (owner resolved there).</summary>
    public void PublishRelayed(IReadOnlyList<RelayedRunEvent> events)
    {
        if (_subscribers.IsEmpty) return;
        foreach (var e in events)
            PublishRun(e.Kind, e.Owner, e.RunId, e.TaskName, e.Status, e.Attempt, e.Progress, e.ProgressText, e.At, e.DurationMs, e.LatenessMs);
    }

    private void PublishRun(RunEventKind kind, string? owner, long runId, string task, RunStatus status, int attempt, int? progress,
        string? progressText, DateTimeOffset at, double? durationMs, double? latenessMs) =>
        Publish("run." + TextNames.Of(kind), owner, new JsonObject
        {
            ["run_id"] = runId, ["task"] = task, ["status"] = TextNames.Of(status), ["attempt"] = attempt,
            ["progress"] = progress, ["progress_text"] = progressText, ["at"] = at.ToString("O"),
            ["duration_ms"] = durationMs, ["lateness_ms"] = latenessMs,
        });

    public void Dispose()
    {
        _engine.RunChanged -= OnRunChanged;
        _runEvents.Writer.TryComplete();
        _publisher.Wait(TimeSpan.FromSeconds(5));
    }
}
