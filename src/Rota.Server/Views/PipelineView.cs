using System.Text.Json.Nodes;
using Rota.Pipelines;
using Rota.Storage;

namespace Rota.Server.Views;

/// <summary>A pipeline: its steps in order, the graph's edges (from → to: "to" waits for "from"), schedules.</summary>
public sealed record PipelineView(
    long Id, string Name, string? Description, string? Owner, bool Enabled, string? PausedReason, int Version,
    IReadOnlyList<PipelineStepView> Steps, IReadOnlyList<PipelineEdgeView> Edges, IReadOnlyList<ScheduleView> Schedules,
    DateTimeOffset? NextFireAt, DateTimeOffset? LastRunAt, string? LastStatus)
{
    public static PipelineView From(TaskRow task, IReadOnlyList<ScheduleRow> schedules)
    {
        var p = PipelineTasks.FromTask(task.Definition) ?? throw new RotaException("pipeline.not_found", $"pipeline: '{task.Name}' is not a pipeline");
        var steps = p.Steps.Select((s, i) => PipelineStepView.From(p, i)).ToList();
        var edges = steps.SelectMany(s => s.After.Select(a => new PipelineEdgeView(a, s.Name))).ToList();
        var views = schedules.Select(ScheduleView.From).ToList();
        return new PipelineView(task.Id, p.Name, p.Description, p.Owner, task.Definition.Enabled, task.Definition.PausedReason, task.Version,
            steps, edges, views, views.Where(v => v.Enabled).Select(v => v.NextFireAt).Min(), task.LastRunAt,
            task.LastStatus is { } st ? TextNames.Of(st) : null);
    }
}

/// <param name="Task">The task the step's runs belong to (the referenced task, or the step task <c>pipeline.step</c>).</param>
/// <param name="After">The steps it waits for, defaults filled in.</param>
public sealed record PipelineStepView(int Number, string Name, string Task, string? Handler, JsonObject Parameters, double? TimeoutSeconds,
    int? MaxAttempts, bool ContinueOnFailure, IReadOnlyList<string> After, string? When)
{
    public static PipelineStepView From(PipelineDefinition p, int i)
    {
        var s = p.Steps[i];
        return new PipelineStepView(i + 1, s.Name, PipelineTasks.TaskOf(p.Name, s), s.Handler, s.Parameters, s.Timeout?.TotalSeconds,
            s.Retry?.MaxAttempts, s.ContinueOnFailure, p.DependenciesOf(i), s.When);
    }
}

public sealed record PipelineEdgeView(string From, string To);
