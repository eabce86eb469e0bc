using System.Text.Json.Nodes;
using Rota.Configuration;
using Rota.Pipelines;
using Rota.Server.Auth;
using Rota.Server.Dashboard.Models;
using Rota.Storage;

namespace Rota.Server.Dashboard;

/// <summary>The builder's form checked as a whole: the definition it writes, the API's verdict placed at the fields, and
/// the graph of the steps as they stand (drawn even when invalid, with the problem steps and cycle edges marked).</summary>
public sealed record BuilderEvaluation(PipelineBuilderForm Form, JsonObject Definition, PipelineDefinition? Pipeline, PipelineBuilderErrors Errors,
    PipelineGraphLayout Graph, IReadOnlySet<string> FlaggedSteps, IReadOnlySet<string> FlaggedEdges);

/// <summary>What the builder page and its live preview (<c>POST /ui/pipelines/preview</c>) share: choices for the selects
/// (the caller's tasks, the inline handlers) and the evaluation of a form through <see cref="PipelineActions"/>.</summary>
public sealed class PipelineBuilderService(RotaEngine engine, PipelineActions actions)
{
    /// <summary>The plain tasks the caller may reference in a step (pipelines cannot be steps).</summary>
    public async Task<IReadOnlyList<string>> TasksAsync(Caller caller, CancellationToken ct) =>
        [.. (await engine.Store.TaskList(new TaskListParams(caller.OwnerScope), ct))
            .Where(t => !PipelineTasks.IsPipeline(t.Definition) && !t.Definition.Tags.Any(tag => tag.StartsWith("pipeline:", StringComparison.Ordinal)))
            .Select(t => t.Name).Order(StringComparer.Ordinal)];

    public IReadOnlyList<string> Handlers => [.. engine.HandlerKinds.Where(k => k != PipelineTasks.Handler).Order(StringComparer.Ordinal)];

    public string DefaultHandler => Handlers.Contains("noop") ? "noop" : Handlers.FirstOrDefault() ?? "";

    public async Task<BuilderEvaluation> EvaluateAsync(Caller caller, PipelineBuilderForm form, string? routeName, CancellationToken ct)
    {
        var problems = new List<ConfigError>();
        var json = PipelineBuilderJson.ToJson(form, problems);
        PipelineDefinition? pipeline = null;
        if (problems.Count == 0)
        {
            var (p, errors) = await actions.CheckDefinitionAsync(caller, (JsonObject)json.DeepClone(), routeName, ct);
            pipeline = p;
            problems.AddRange(errors);
        }
        var placed = PipelineBuilderErrors.Of(form, problems);
        var steps = form.Steps.Select((s, i) => (Name: Label(s.Name, i), Label: s.Target == BuilderStep.TaskTarget ? "task " + s.Task : "handler " + s.Handler,
            After: Dependencies(form, i))).ToList();
        var cycleEdges = CycleEdges(steps);
        var flagged = form.Steps.Select((s, i) => (s, i)).Where(x => placed.StepHas(x.s.Key)).Select(x => steps[x.i].Name)
            .Concat(cycleEdges.SelectMany(e => e.Split('>'))).ToHashSet(StringComparer.Ordinal);
        var layout = PipelineGraphLayout.Of([.. steps.Select(s => (s.Name, s.Label, (IReadOnlyList<string>)s.After))]);
        return new BuilderEvaluation(form, json, pipeline, placed, layout, flagged, cycleEdges);
    }

    private static string Label(string name, int i) => name.Length > 0 ? name : $"(step {i + 1})";

    /// <summary>The steps a card waits for by name: the previous card unless dependencies are chosen.</summary>
    private static List<string> Dependencies(PipelineBuilderForm form, int i)
    {
        var s = form.Steps[i];
        if (s.AfterMode == BuilderStep.AfterPrevious) return i == 0 ? [] : [Label(form.Steps[i - 1].Name, i - 1)];
        return [.. s.After.Select(form.ResolveAfter).Where(n => n.Length > 0)];
    }

    /// <summary>Edges "from>to" that lie on a cycle: the dependency is itself reachable from the dependent.</summary>
    private static HashSet<string> CycleEdges(List<(string Name, string Label, List<string> After)> steps)
    {
        var after = steps.GroupBy(s => s.Name).ToDictionary(g => g.Key, g => g.SelectMany(s => s.After).ToList(), StringComparer.Ordinal);
        bool Reaches(string from, string to)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var stack = new Stack<string>([from]);
            while (stack.Count > 0)
                foreach (var dep in after.GetValueOrDefault(stack.Pop()) ?? [])
                {
                    if (dep == to) return true;
                    if (seen.Add(dep)) stack.Push(dep);
                }
            return false;
        }
        return [.. steps.SelectMany(s => s.After.Where(a => a != s.Name && after.ContainsKey(a) && Reaches(a, s.Name)).Select(a => a + ">" + s.Name))];
    }
}
