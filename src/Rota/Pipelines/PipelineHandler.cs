using System.Text.Json.Nodes;
using Rota.Execution;
using Rota.Pipelines.Expressions;
using Rota.Runs;
using Rota.Storage;
using Rota.Tasks;

namespace Rota.Pipelines;

/// <summary>
/// The built-in <c>pipeline</c> handler. A pipeline run is a parent run; each attempt is one short check against the
/// store (the truth on every node): it starts the steps whose dependencies finished (child runs, idempotency key
/// <c>&lt;parent&gt;:&lt;step&gt;</c>, so a rescued or repeated check never duplicates a step), records skipped steps, and
/// snoozes until a step finishes (a finishing step wakes it) or <see cref="RotaOptions.PipelineCheckInterval"/> passes.
/// When every step has an outcome it ends succeeded, partial (a step failed but continued) or failed.
/// Run parameters: <c>step</c> (run only that step) and <c>parameters</c> (merged over every step's).
/// </summary>
internal sealed class PipelineHandler(IRotaStore store, TimeProvider time, Action runsInserted, TimeSpan checkInterval)
{
    public async ValueTask<TaskOutcome> ExecuteAsync(TaskContext ctx)
    {
        var pipeline = PipelineTasks.FromTask(ctx.Task)
            ?? throw new RotaException("pipeline.invalid", $"pipeline: task '{ctx.Task.Name}' has no steps", isTransient: false);
        var only = ctx.Run.Parameters?["step"]?.GetValue<string>();
        var overrides = ctx.Run.Parameters?["parameters"] as JsonObject;
        var included = pipeline.Steps.Select((s, i) => (Step: s, Index: i)).Where(x => only is null || x.Step.Name == only).ToList();
        if (included.Count == 0)
            return TaskOutcome.Fail(new RunError("pipeline.unknown_step", $"pipeline: '{pipeline.Name}' has no step '{only}'", IsTransient: false));

        var children = await LatestChildren(ctx).ConfigureAwait(false);
        var taskIds = new Dictionary<string, TaskRow>(StringComparer.Ordinal);
        bool progressed;
        do
        {
            progressed = false;
            var inserts = new List<RunInsertParams>();
            var outcomes = Outcomes(children);
            foreach (var (step, index) in included.Where(x => !children.ContainsKey(x.Step.Name)))
            {
                var deps = only is null ? pipeline.DependenciesOf(index) : [];
                if (deps.Any(d => !outcomes.ContainsKey(d))) continue;
                var skip = deps.Any(d => Blocks(pipeline, d, outcomes[d])) ? "dependency_failed"
                    : only is null && step.When is { } when && !ExpressionEvaluator.IsTrue(ExpressionParser.Parse(when), outcomes) ? "condition_false"
                    : null;
                var name = PipelineTasks.TaskOf(pipeline.Name, step);
                if (!taskIds.TryGetValue(name, out var task))
                {
                    task = await store.TaskGet(name, ctx.CancellationToken).ConfigureAwait(false)
                        ?? throw new RotaException("task.not_found", $"pipeline: step '{step.Name}' of '{pipeline.Name}' runs task '{name}', which does not exist", isTransient: false);
                    taskIds[name] = task;
                }
                inserts.Add(Child(ctx.Run, step, task, skip, overrides));
            }
            if (inserts.Count == 0) break;
            await store.RunInsertMany(inserts, ctx.CancellationToken).ConfigureAwait(false);
            if (inserts.Any(i => i.Status == RunStatus.Available)) runsInserted();
            children = await LatestChildren(ctx).ConfigureAwait(false);
            progressed = inserts.Any(i => i.Status == RunStatus.Skipped);
        }
        while (progressed);

        var finished = included.Count(x => children.TryGetValue(x.Step.Name, out var c) && c.Status.IsTerminal());
        ctx.ReportProgress(finished * 100 / included.Count, $"{finished}/{included.Count} steps finished");
        if (finished < included.Count) return TaskOutcome.SnoozeFor(checkInterval);
        return Finish(pipeline, included.Select(x => x.Step).ToList(), children);
    }

    private async Task<Dictionary<string, RunRecord>> LatestChildren(TaskContext ctx)
    {
        var byStep = new Dictionary<string, RunRecord>(StringComparer.Ordinal);
        foreach (var c in await store.RunListChildren(ctx.Run.Id, ctx.CancellationToken).ConfigureAwait(false))
            if (c.Step is { } s) byStep[s] = c;
        return byStep;
    }

    private static Dictionary<string, StepOutcome> Outcomes(Dictionary<string, RunRecord> children) =>
        children.Where(c => c.Value.Status.IsTerminal()).ToDictionary(c => c.Key,
            c => new StepOutcome(c.Value.Status.ToText(), c.Value.Reason, c.Value.Error?.Message, c.Value.Stats), StringComparer.Ordinal);

    /// <summary>A dependency blocks its dependents when it failed without continue_on_failure, or was itself skipped
    /// because of a failure. A step skipped by its condition does not block: the steps after it still run.</summary>
    private static bool Blocks(PipelineDefinition p, string step, StepOutcome outcome)
    {
        var status = TextNames.Parse<RunStatus>(outcome.Status);
        if (status == RunStatus.Skipped) return outcome.Reason == "dependency_failed";
        return IsFailure(status) && !p.Steps.First(s => s.Name == step).ContinueOnFailure;
    }

    private static bool IsFailure(RunStatus s) => s.IsFailure() || s == RunStatus.Cancelled;

    private RunInsertParams Child(RunRecord parent, PipelineStep step, TaskRow task, string? skip, JsonObject? overrides)
    {
        var now = time.GetUtcNow();
        return new RunInsertParams
        {
            TaskId = task.Id,
            Trigger = RunTrigger.Pipeline,
            TriggeredBy = $"run:{parent.Id}",
            Status = skip is null ? RunStatus.Available : RunStatus.Skipped,
            Reason = skip,
            Queue = task.Definition.Queue,
            Priority = task.Definition.Priority,
            NominalTime = parent.NominalTime,
            ScheduledAt = now,
            MaxAttempts = Math.Max(1, task.Definition.Retry.MaxAttempts),
            Parameters = PipelineTasks.RunParameters(step, overrides),
            IdempotencyKey = $"{parent.Id}:{step.Name}",
            ParentRunId = parent.Id,
            Step = step.Name,
            Now = now,
        };
    }

    private static TaskOutcome Finish(PipelineDefinition p, List<PipelineStep> steps, Dictionary<string, RunRecord> children)
    {
        var statuses = new JsonObject();
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var hard = new List<string>();
        var soft = new List<string>();
        foreach (var step in steps)
        {
            var run = children[step.Name];
            var text = run.Status.ToText();
            statuses[step.Name] = text;
            counts[text] = counts.GetValueOrDefault(text) + 1;
            var line = $"step '{step.Name}' {text}" + (run.Error is { } e ? $": {e.Message}" : run.Reason is { } r ? $" ({r})" : "");
            if (IsFailure(run.Status) && !step.ContinueOnFailure) hard.Add(line);
            else if (IsFailure(run.Status) || run.Status == RunStatus.Partial) soft.Add(line);
        }
        var stats = new JsonObject { ["steps_total"] = steps.Count };
        foreach (var (status, n) in counts.OrderBy(c => c.Key, StringComparer.Ordinal)) stats["steps_" + status] = n;
        stats["steps"] = statuses;
        if (hard.Count > 0)
            return TaskOutcome.Fail(new RunError("pipeline.step_failed", $"pipeline: {string.Join("; ", hard.Concat(soft))}", IsTransient: false), stats);
        return soft.Count > 0 ? TaskOutcome.PartialSuccess(stats, soft) : TaskOutcome.Success(stats);
    }
}
