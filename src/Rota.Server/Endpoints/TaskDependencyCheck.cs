using Rota.Configuration;
using Rota.Server.Auth;
using Rota.Storage;
using Rota.Tasks;

namespace Rota.Server.Endpoints;

/// <summary>The API's and the dashboard's rule for a task's upstreams: each must be a task the caller can see, and the
/// change must not close a dependency cycle.</summary>
public static class TaskDependencyCheck
{
    /// <summary>Every problem, at the document path of the entry (<c>depends_on[0]</c>) or of the whole list.</summary>
    public static async Task<IReadOnlyList<ConfigError>> ProblemsAsync(IRotaStore store, Caller caller, TaskDefinition def, CancellationToken ct)
    {
        var errors = new List<ConfigError>();
        if (def.DependsOn.Count == 0) return errors;
        var all = (await store.TaskList(new TaskListParams(), ct)).Where(t => t.Name != def.Name).Select(t => t.Definition).Append(def).ToList();
        for (var i = 0; i < def.DependsOn.Count; i++)
            if (all.FirstOrDefault(t => t.Name == def.DependsOn[i].Task) is not { } up || !caller.Owns(up.Owner))
                errors.Add(new ConfigError($"depends_on[{i}]", def.DependsOn[i].Task, $"unknown upstream task '{def.DependsOn[i].Task}'"));
        foreach (var p in DependencyGraph.Validate(all, _ => false).Where(p => p.Entry is null && p.Value.Split(" -> ").Contains(def.Name)))
            errors.Add(new ConfigError("depends_on", p.Value, p.Message));
        return errors;
    }
}
