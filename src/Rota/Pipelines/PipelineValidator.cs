using System.Text.RegularExpressions;
using Rota.Pipelines.Expressions;

namespace Rota.Pipelines;

/// <summary>
/// Checks a pipeline as a whole: step names, task or handler, references in <c>after</c> and <c>when</c>, and that the
/// steps form no cycle. Returns every problem, never stops at the first.
/// </summary>
public static partial class PipelineValidator
{
    /// <param name="taskKind">Resolves a referenced task name to its handler kind (null when no such task).</param>
    public static IReadOnlyList<PipelineProblem> Validate(PipelineDefinition p, Func<string, string?> taskKind, IReadOnlySet<string> knownHandlers)
    {
        var problems = new List<PipelineProblem>();
        if (p.Steps.Count == 0) problems.Add(new("steps", null, "a pipeline needs at least one step"));
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < p.Steps.Count; i++)
        {
            var s = p.Steps[i];
            var path = $"steps[{i}]";
            if (!StepName().IsMatch(s.Name))
                problems.Add(new(path + ".name", s.Name, "step names use lower-case letters, digits, '_' and '-', start with a letter or digit, at most 50 characters"));
            else if (!index.TryAdd(s.Name, i))
                problems.Add(new(path + ".name", s.Name, $"duplicate step name; '{s.Name}' is already steps[{index[s.Name]}]"));
            CheckTarget(p, s, path, taskKind, knownHandlers, problems);
        }
        for (var i = 0; i < p.Steps.Count; i++)
        {
            var after = p.Steps[i].After ?? [];
            for (var j = 0; j < after.Count; j++)
            {
                if (after[j] == p.Steps[i].Name) problems.Add(new($"steps[{i}].after[{j}]", after[j], "a step cannot wait for itself"));
                else if (!index.ContainsKey(after[j]))
                    problems.Add(new($"steps[{i}].after[{j}]", after[j], $"unknown step '{after[j]}'{Known(index.Keys)}"));
            }
        }
        if (FindCycle(p, index) is { } cycle)
            problems.Add(new("steps", string.Join(" -> ", cycle), $"the steps form a cycle: {string.Join(" -> ", cycle)}"));
        else
            for (var i = 0; i < p.Steps.Count; i++) CheckCondition(p, i, index, problems);
        return problems;
    }

    private static void CheckTarget(PipelineDefinition p, PipelineStep s, string path, Func<string, string?> taskKind,
        IReadOnlySet<string> knownHandlers, List<PipelineProblem> problems)
    {
        if (s.Task is null == (s.Handler is null))
        {
            problems.Add(new(path, s.Name, "a step needs either 'task' (an existing task) or 'handler' (an inline handler), not both"));
            return;
        }
        if (s.Handler is { } h && !knownHandlers.Contains(h))
            problems.Add(new(path + ".handler", h, $"unknown handler '{h}'; known handlers: {string.Join(", ", knownHandlers.Order(StringComparer.Ordinal))}"));
        if (s.Handler == PipelineTasks.Handler)
            problems.Add(new(path + ".handler", s.Handler, "a step cannot be a pipeline"));
        if (s.Task is not { } t) return;
        if (t == p.Name) problems.Add(new(path + ".task", t, "a pipeline cannot run itself as a step"));
        else if (taskKind(t) is not { } kind) problems.Add(new(path + ".task", t, $"unknown task '{t}'"));
        else if (kind == PipelineTasks.Handler) problems.Add(new(path + ".task", t, $"'{t}' is a pipeline; a step runs a task"));
    }

    private static void CheckCondition(PipelineDefinition p, int i, Dictionary<string, int> index, List<PipelineProblem> problems)
    {
        if (p.Steps[i].When is not { } when) return;
        var path = $"steps[{i}].when";
        ExpressionNode node;
        try { node = ExpressionParser.Parse(when); }
        catch (ExpressionException ex) { problems.Add(new(path, when, ex.Message)); return; }
        var upstream = Ancestors(p, i, index);
        foreach (var name in node.StepNames().Distinct())
        {
            if (!index.ContainsKey(name)) problems.Add(new(path, when, $"expression: unknown step '{name}'{Known(index.Keys)}"));
            else if (!upstream.Contains(name))
                problems.Add(new(path, when, $"expression: step '{name}' does not finish before '{p.Steps[i].Name}'; add it to 'after'"));
        }
    }

    private static HashSet<string> Ancestors(PipelineDefinition p, int i, Dictionary<string, int> index)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var stack = new Stack<int>([i]);
        while (stack.Count > 0)
            foreach (var dep in p.DependenciesOf(stack.Pop()))
                if (index.TryGetValue(dep, out var j) && seen.Add(dep)) stack.Push(j);
        return seen;
    }

    /// <summary>The first cycle found, as step names ending where it started (a -> b -> a); null when none.</summary>
    private static List<string>? FindCycle(PipelineDefinition p, Dictionary<string, int> index)
    {
        var state = new int[p.Steps.Count]; // 0 new, 1 on the path, 2 done
        var path = new List<int>();
        List<string>? Visit(int i)
        {
            state[i] = 1;
            path.Add(i);
            foreach (var dep in p.DependenciesOf(i))
            {
                if (!index.TryGetValue(dep, out var j) || j == i) continue;
                if (state[j] == 1) return [.. path[path.IndexOf(j)..].Select(k => p.Steps[k].Name), p.Steps[j].Name];
                if (state[j] == 0 && Visit(j) is { } found) return found;
            }
            path.RemoveAt(path.Count - 1);
            state[i] = 2;
            return null;
        }
        for (var i = 0; i < p.Steps.Count; i++)
            if (state[i] == 0 && Visit(i) is { } cycle)
            {
                // Walking dependencies goes upstream; report the order in which the steps would run.
                cycle.Reverse();
                return cycle;
            }
        return null;
    }

    private static string Known(IEnumerable<string> names) => $"; steps: {string.Join(", ", names)}";

    [GeneratedRegex("^[a-z0-9][a-z0-9_-]{0,49}$")]
    private static partial Regex StepName();
}
