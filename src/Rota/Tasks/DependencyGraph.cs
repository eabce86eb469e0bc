namespace Rota.Tasks;

/// <summary>Checks task dependencies as a whole: every upstream exists, and no chain of dependencies returns to where
/// it started (a run would trigger itself forever).</summary>
public static class DependencyGraph
{
    /// <summary>One problem: the task (by name), the entry index (null: the whole list) and why.</summary>
    public sealed record Problem(string Task, int? Entry, string Value, string Message);

    /// <param name="tasks">Every task after the change (the file's, or the store's with the changed one replaced).</param>
    /// <param name="exists">Whether an upstream name is a task or pipeline (beyond <paramref name="tasks"/>).</param>
    public static IReadOnlyList<Problem> Validate(IReadOnlyCollection<TaskDefinition> tasks, Func<string, bool> exists)
    {
        var problems = new List<Problem>();
        var byName = tasks.GroupBy(t => t.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        foreach (var t in tasks)
            for (var i = 0; i < t.DependsOn.Count; i++)
                if (!byName.ContainsKey(t.DependsOn[i].Task) && !exists(t.DependsOn[i].Task))
                    problems.Add(new(t.Name, i, t.DependsOn[i].Task, $"unknown upstream task '{t.DependsOn[i].Task}'"));
        var reported = new HashSet<string>(StringComparer.Ordinal);
        foreach (var t in tasks)
            if (FindCycle(t.Name, byName) is { } cycle && reported.Add(string.Join(",", cycle.Skip(1).Order(StringComparer.Ordinal))))
                problems.Add(new(t.Name, null, string.Join(" -> ", cycle), $"dependency cycle: {string.Join(" -> ", cycle)}"));
        return problems;
    }

    /// <summary>A chain start -> … -> start in run order (upstream first), or null.</summary>
    private static List<string>? FindCycle(string start, Dictionary<string, TaskDefinition> byName)
    {
        // Walk upstream from start; a path back to start is a cycle. Reported downstream-first reversed into run order.
        var path = new List<string> { start };
        var seen = new HashSet<string>(StringComparer.Ordinal);
        List<string>? Walk(string name)
        {
            if (!byName.TryGetValue(name, out var t)) return null;
            foreach (var up in t.DependsOn.Select(d => d.Task).Distinct(StringComparer.Ordinal))
            {
                if (up == start) return [.. path, start];
                if (!seen.Add(up)) continue;
                path.Add(up);
                if (Walk(up) is { } found) return found;
                path.RemoveAt(path.Count - 1);
            }
            return null;
        }
        var cycle = Walk(start);
        cycle?.Reverse();
        return cycle;
    }
}
