using System.Collections.Concurrent;
using Rota.Storage;
using Rota.Tasks;

namespace Rota.Execution;

/// <summary>Task definitions by (id, version), so executing thousands of runs of a task reads its definition once.</summary>
internal sealed class TaskDefinitionCache(IRotaStore store)
{
    private readonly ConcurrentDictionary<(long Id, int Version), TaskDefinition> _byVersion = new();

    public async ValueTask<TaskDefinition?> GetAsync(long taskId, int version, CancellationToken ct)
    {
        if (_byVersion.TryGetValue((taskId, version), out var cached)) return cached;
        var row = await store.TaskGetById(taskId, ct).ConfigureAwait(false);
        if (row is null) return null;
        _byVersion[(row.Id, row.Version)] = row.Definition;
        return row.Definition;
    }
}
