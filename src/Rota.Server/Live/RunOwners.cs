using System.Collections.Concurrent;
using Rota.Runs;
using Rota.Storage;

namespace Rota.Server.Live;

/// <summary>The owner of a run event's task, looked up once per run (not per task id: SQLite reuses the id of a deleted
/// task, and a cached owner would then send the new task's events to the old owner). A task whose name no longer
/// matches the run's is gone: its events go to admins only. Shared by the local stream and the cluster relay.</summary>
public sealed class RunOwners(IRotaStore store, TimeProvider time)
{
    private static readonly TimeSpan Keep = TimeSpan.FromMinutes(10);
    private readonly ConcurrentDictionary<long, (string? Owner, DateTimeOffset At)> _owners = new();

    public async Task<string?> OwnerAsync(RunEvent e)
    {
        var now = time.GetUtcNow();
        string? owner;
        if (_owners.TryGetValue(e.RunId, out var cached) && now - cached.At < Keep) owner = cached.Owner;
        else
        {
            var task = await store.TaskGetById(e.TaskId);
            owner = task is not null && task.Definition.Name == e.TaskName ? task.Definition.Owner : null;
            _owners[e.RunId] = (owner, now);
        }
        return owner;
    }

    /// <summary>Forgets a finished run — once every reader of its finished event has resolved it.</summary>
    public void Forget(long runId) => _owners.TryRemove(runId, out _);
}
