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
/// a slow client never slows the engine. Owners are looked up once per run.</summary>
public sealed class EventHub : IDisposable
{
    private readonly ConcurrentDictionary<Guid, Channel<ServerEvent>> _subscribers = new();
    private readonly ConcurrentDictionary<long, (string? Owner, DateTimeOffset At)> _owners = new();
    private readonly IRotaStore _store;
    private readonly TimeProvider _time;
    private readonly RotaEngine _engine;
    // Run events go through one queue and one publisher so they reach clients in the order the engine raised them
    // (started, progress…, finished) even when the owner lookup of an earlier event is still in flight.
    private readonly Channel<RunEvent> _runEvents = Channel.CreateUnbounded<RunEvent>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _publisher;
    private long _nextId;

    public EventHub(RotaEngine engine, IRotaStore store, TimeProvider time)
    {
        _engine = engine;
        _store = store;
        _time = time;
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
            var owner = await OwnerAsync(e);
            Publish("run." + TextNames.Of(e.Kind), owner, new JsonObject
            {
                ["run_id"] = e.RunId, ["task"] = e.TaskName, ["status"] = TextNames.Of(e.Status), ["attempt"] = e.Attempt,
                ["progress"] = e.Progress, ["progress_text"] = e.ProgressText, ["at"] = e.At.ToString("O"),
                ["duration_ms"] = e.Duration?.TotalMilliseconds, ["lateness_ms"] = e.Lateness?.TotalMilliseconds,
            });
        }
        catch (Exception)
        {
            // A store hiccup loses one live event; clients re-read state on reconnect.
        }
    }

    /// <summary>The owner of the run's task, looked up once per run (not per task id: SQLite reuses the id of a deleted
    /// task, and a cached owner would then send the new task's events to the old owner). A task whose name no longer
    /// matches the run's is gone: its events go to admins only.</summary>
    private async Task<string?> OwnerAsync(RunEvent e)
    {
        var now = _time.GetUtcNow();
        string? owner;
        if (_owners.TryGetValue(e.RunId, out var cached) && now - cached.At < TimeSpan.FromMinutes(10)) owner = cached.Owner;
        else
        {
            var task = await _store.TaskGetById(e.TaskId);
            owner = task is not null && task.Definition.Name == e.TaskName ? task.Definition.Owner : null;
            _owners[e.RunId] = (owner, now);
        }
        if (e.Kind == RunEventKind.Finished) _owners.TryRemove(e.RunId, out _);
        return owner;
    }

    public void Dispose()
    {
        _engine.RunChanged -= OnRunChanged;
        _runEvents.Writer.TryComplete();
        _publisher.Wait(TimeSpan.FromSeconds(5));
    }
}
