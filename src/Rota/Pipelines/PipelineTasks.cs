using System.Text.Json;
using System.Text.Json.Nodes;
using Rota.Storage;
using Rota.Tasks;

namespace Rota.Pipelines;

/// <summary>
/// Maps a pipeline to tasks: the pipeline itself is a task with handler <c>pipeline</c> whose parameters hold the steps
/// (so schedules, misfire, overlap, history and listing work unchanged), and every step that is not a plain reference
/// to a task (an inline handler, or a timeout/retry of its own) gets a step task named <c>&lt;pipeline&gt;.&lt;step&gt;</c>,
/// tagged <c>pipeline-step</c>.
/// </summary>
public static class PipelineTasks
{
    public const string Handler = "pipeline";
    public const string StepTag = "pipeline-step";

    /// <summary>The task a step's runs belong to.</summary>
    public static string TaskOf(string pipeline, PipelineStep step) => NeedsStepTask(step) ? $"{pipeline}.{step.Name}" : step.Task!;

    public static bool NeedsStepTask(PipelineStep step) => step.Task is null || step.Timeout is not null || step.Retry is not null;

    public static bool IsPipeline(TaskDefinition task) => task.Handler == Handler;

    /// <summary>The pipeline task and the step tasks. <paramref name="referenced"/> resolves step tasks that copy a
    /// referenced task (a step with its own timeout or retry).</summary>
    public static IReadOnlyList<TaskDefinition> ToTasks(PipelineDefinition p, TaskOrigin origin, Func<string, TaskDefinition?> referenced)
    {
        var tasks = new List<TaskDefinition>
        {
            new()
            {
                Name = p.Name, Handler = Handler, Description = p.Description, Owner = p.Owner, Enabled = p.Enabled,
                PausedReason = p.Enabled ? null : "disabled in configuration", Schedules = p.Schedules, Origin = origin,
                Parameters = new JsonObject { ["steps"] = JsonSerializer.SerializeToNode(p.Steps, DefinitionJson.Options) },
                // A pipeline run is many short checks (each a snoozed attempt): attempts cover a lost node, not a retry.
                Retry = new RetryPolicy(MaxAttempts: 3),
                Tags = ["pipeline"],
            },
        };
        foreach (var step in p.Steps.Where(NeedsStepTask))
        {
            var basis = step.Task is { } name ? referenced(name) : null;
            tasks.Add(new TaskDefinition
            {
                Name = TaskOf(p.Name, step),
                Handler = basis?.Handler ?? step.Handler ?? "",
                Description = $"step '{step.Name}' of pipeline '{p.Name}'",
                Parameters = Merge(basis?.Parameters, step.Parameters),
                Queue = basis?.Queue ?? "default",
                Priority = basis?.Priority ?? 0,
                Timeout = step.Timeout ?? basis?.Timeout,
                Retry = step.Retry ?? basis?.Retry ?? RetryPolicy.Default,
                Overlap = new OverlapPolicy(OverlapKind.AllowAll),
                Owner = p.Owner,
                Origin = origin,
                Tags = [StepTag, "pipeline:" + p.Name],
            });
        }
        return tasks;
    }

    /// <summary>Reads a pipeline back from its task; null when the task is not a pipeline.</summary>
    public static PipelineDefinition? FromTask(TaskDefinition task)
    {
        if (!IsPipeline(task)) return null;
        var steps = task.Parameters["steps"] is JsonArray a ? a.Deserialize<List<PipelineStep>>(DefinitionJson.Options) ?? [] : [];
        return new PipelineDefinition
        {
            Name = task.Name, Description = task.Description, Owner = task.Owner, Enabled = task.Enabled,
            Schedules = task.Schedules, Steps = steps,
        };
    }

    /// <summary>The parameters a step's run carries: for a plain task reference the step's own (merged over the task's by
    /// the executor), for a step task none (they are in the step task); then the pipeline run's overrides.</summary>
    public static JsonObject? RunParameters(PipelineStep step, JsonObject? overrides)
    {
        var own = NeedsStepTask(step) ? null : step.Parameters;
        if ((own is null || own.Count == 0) && (overrides is null || overrides.Count == 0)) return null;
        return Merge(own, overrides ?? []);
    }

    private static JsonObject Merge(JsonObject? under, JsonObject over)
    {
        var merged = under is null ? new JsonObject() : (JsonObject)under.DeepClone();
        foreach (var (k, v) in over) merged[k] = v?.DeepClone();
        return merged;
    }
}
