using System.Text.Json.Nodes;
using Rota.Tasks;

namespace Rota.Pipelines;

/// <summary>
/// One step of a pipeline: an existing task (<see cref="Task"/>) or an inline handler (<see cref="Handler"/>), with
/// parameters merged over the task's, and when it may start.
/// </summary>
public sealed record PipelineStep
{
    public required string Name { get; init; }
    /// <summary>An existing task to run (its live definition), or null for an inline handler.</summary>
    public string? Task { get; init; }
    /// <summary>Inline handler kind (instead of <see cref="Task"/>).</summary>
    public string? Handler { get; init; }
    public JsonObject Parameters { get; init; } = new();
    /// <summary>Per-attempt timeout of this step (overrides the task's).</summary>
    public TimeSpan? Timeout { get; init; }
    /// <summary>Retry policy of this step (overrides the task's).</summary>
    public RetryPolicy? Retry { get; init; }
    /// <summary>A failure of this step does not stop the steps after it (the pipeline ends partial).</summary>
    public bool ContinueOnFailure { get; init; }
    /// <summary>Steps that must finish first; null means the previous step (so a plain list runs in order), empty
    /// means none (starts at once).</summary>
    public IReadOnlyList<string>? After { get; init; }
    /// <summary>A condition over earlier steps (docs/pipelines.md); false skips the step with reason condition_false.</summary>
    public string? When { get; init; }
}
