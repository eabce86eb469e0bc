using System.Text.Json.Nodes;
using Rota.Pipelines;
using Rota.Storage;
using Rota.Tasks;

namespace Rota;

public sealed partial class RotaClient
{
    /// <summary>Stores a validated pipeline: its step tasks, then the pipeline task. Step tasks of steps that no longer
    /// exist are deleted. Returns the pipeline's task row.</summary>
    public async Task<TaskRow> ApplyPipelineAsync(PipelineDefinition pipeline, TaskOrigin origin, CancellationToken ct = default)
    {
        var referenced = new Dictionary<string, TaskDefinition>(StringComparer.Ordinal);
        foreach (var name in pipeline.Steps.Select(s => s.Task).OfType<string>().Distinct())
            if (await _store.TaskGet(name, ct).ConfigureAwait(false) is { } row) referenced[name] = row.Definition;
        var tasks = PipelineTasks.ToTasks(pipeline, origin, referenced.GetValueOrDefault);
        foreach (var step in tasks.Skip(1)) await ApplyAsync(step, ct).ConfigureAwait(false);
        var keep = tasks.Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var old in await _store.TaskList(new TaskListParams(), ct).ConfigureAwait(false))
            if (old.Definition.Tags.Contains("pipeline:" + pipeline.Name) && !keep.Contains(old.Name))
                await _store.TaskDelete(old.Name, ct).ConfigureAwait(false);
        return await ApplyAsync(tasks[0], ct).ConfigureAwait(false);
    }

    /// <summary>Deletes a pipeline and its step tasks (with their history); false when there is no such pipeline.</summary>
    public async Task<bool> DeletePipelineAsync(string name, CancellationToken ct = default)
    {
        if (await _store.TaskGet(name, ct).ConfigureAwait(false) is not { } row || !PipelineTasks.IsPipeline(row.Definition)) return false;
        foreach (var t in await _store.TaskList(new TaskListParams(), ct).ConfigureAwait(false))
            if (t.Definition.Tags.Contains("pipeline:" + name)) await _store.TaskDelete(t.Name, ct).ConfigureAwait(false);
        return await _store.TaskDelete(name, ct).ConfigureAwait(false);
    }

    /// <summary>Runs a pipeline now: every step, or only <paramref name="step"/> (a name, or a 1-based number) with that
    /// step's parameters. <paramref name="parameters"/> are merged over every step's.</summary>
    public async Task<TriggerResult> RunPipelineAsync(string name, string? step = null, JsonObject? parameters = null,
        string? triggeredBy = null, CancellationToken ct = default)
    {
        var row = await _store.TaskGet(name, ct).ConfigureAwait(false);
        var pipeline = row is null ? null : PipelineTasks.FromTask(row.Definition);
        if (pipeline is null) throw new RotaException("pipeline.not_found", $"pipeline: no pipeline named '{name}'");
        var runParameters = new JsonObject();
        if (step is not null) runParameters["step"] = ResolveStep(pipeline, step);
        if (parameters is { Count: > 0 }) runParameters["parameters"] = parameters.DeepClone();
        return await TriggerAsync(new TriggerRequest(name, runParameters.Count == 0 ? null : runParameters, triggeredBy), ct).ConfigureAwait(false);
    }

    /// <summary>A step by name or by 1-based position (seed 000's "step 3").</summary>
    public static string ResolveStep(PipelineDefinition pipeline, string step)
    {
        if (pipeline.Steps.Any(s => s.Name == step)) return step;
        if (int.TryParse(step, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n)
            && n >= 1 && n <= pipeline.Steps.Count) return pipeline.Steps[n - 1].Name;
        throw new RotaException("pipeline.unknown_step",
            $"pipeline: '{pipeline.Name}' has no step '{step}'; steps: {string.Join(", ", pipeline.Steps.Select((s, i) => $"{i + 1}. {s.Name}"))}");
    }
}
