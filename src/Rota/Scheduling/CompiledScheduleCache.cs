using System.Collections.Concurrent;
using Rota.Storage;

namespace Rota.Scheduling;

/// <summary>Compiled schedules keyed by their stored definition, so unchanged schedules are compiled once.</summary>
internal sealed class CompiledScheduleCache
{
    private readonly ConcurrentDictionary<(long Id, string Json), CompiledSchedule> _cache = new();
    private readonly ConcurrentDictionary<long, bool> _afterCompletion = new();

    public CompiledSchedule Get(ScheduleRow row)
    {
        var json = DefinitionJson.Serialize(row.Definition);
        var compiled = _cache.GetOrAdd((row.Id, json), _ => ScheduleCompiler.Compile(row.Definition, row.TaskName));
        _afterCompletion[row.Id] = compiled.AfterCompletionDelay is not null;
        return compiled;
    }

    /// <summary>Whether the last compiled version of schedule <paramref name="id"/> has an after_completion trigger;
    /// null when this process has not compiled it yet.</summary>
    public bool? UsesAfterCompletion(long id) => _afterCompletion.TryGetValue(id, out var uses) ? uses : null;
}
