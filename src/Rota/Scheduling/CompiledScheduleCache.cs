using System.Collections.Concurrent;
using Rota.Storage;

namespace Rota.Scheduling;

/// <summary>Compiled schedules keyed by their stored definition, so unchanged schedules are compiled once.</summary>
internal sealed class CompiledScheduleCache
{
    private readonly ConcurrentDictionary<(long Id, string Json), CompiledSchedule> _cache = new();

    public CompiledSchedule Get(ScheduleRow row)
    {
        var json = DefinitionJson.Serialize(row.Definition);
        return _cache.GetOrAdd((row.Id, json), _ => ScheduleCompiler.Compile(row.Definition, row.TaskName));
    }
}
