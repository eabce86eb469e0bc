using Rota.Scheduling;

namespace Rota.Pipelines;

/// <summary>A named, scheduled graph of steps. Stored as a task with handler <c>pipeline</c> (see <see cref="PipelineTasks"/>).</summary>
public sealed record PipelineDefinition
{
    public required string Name { get; init; }
    public string? Description { get; init; }
    public string? Owner { get; init; }
    public bool Enabled { get; init; } = true;
    public IReadOnlyList<ScheduleDefinition> Schedules { get; init; } = [];
    public required IReadOnlyList<PipelineStep> Steps { get; init; }

    /// <summary>The steps each step waits for, with the default (the previous step) filled in.</summary>
    public IReadOnlyList<string> DependenciesOf(int index) =>
        Steps[index].After ?? (index == 0 ? [] : [Steps[index - 1].Name]);
}
