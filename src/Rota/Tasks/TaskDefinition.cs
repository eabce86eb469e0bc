using System.Text.Json.Nodes;
using Rota.Scheduling;

namespace Rota.Tasks;

/// <summary>Where a task definition came from; command tasks are only allowed from configuration files.</summary>
public enum TaskOrigin { Config, Api, Code }

/// <summary>A named task: a handler kind, its JSON parameters and the policies that govern its runs.</summary>
public sealed record TaskDefinition
{
    /// <summary>Unique name, also the seed of <c>H</c> in cron expressions.</summary>
    public required string Name { get; init; }
    /// <summary>Handler kind: <c>http</c>, <c>command</c>, <c>cleanup</c>, <c>noop</c> or a registered user handler.</summary>
    public required string Handler { get; init; }
    public string? Description { get; init; }
    /// <summary>Handler parameters (a JSON object; empty when absent).</summary>
    public JsonObject Parameters { get; init; } = new();
    public string Queue { get; init; } = "default";
    /// <summary>Higher runs first within a queue (default 0).</summary>
    public int Priority { get; init; }
    public RetryPolicy Retry { get; init; } = RetryPolicy.Default;
    /// <summary>Per-attempt timeout (null = none).</summary>
    public TimeSpan? Timeout { get; init; }
    public OverlapPolicy Overlap { get; init; } = OverlapPolicy.Default;
    public MisfirePolicy Misfire { get; init; } = MisfirePolicy.Default;
    /// <summary>Do not start a scheduled run within this span of the previous start (seed 003: 4 h).</summary>
    public TimeSpan? MinSpacing { get; init; }
    public RetentionPolicy Retention { get; init; } = RetentionPolicy.Default;
    /// <summary>Pause the task after this many consecutive failed runs (null = never).</summary>
    public int? PauseAfterFailures { get; init; }
    /// <summary>For terminate_other: how long a cancelled run may take to stop before it is abandoned (default 30 s).</summary>
    public TimeSpan? TerminateGrace { get; init; }
    public bool Enabled { get; init; } = true;
    public string? PausedReason { get; init; }
    public DateTimeOffset? PausedUntil { get; init; }
    public string? Owner { get; init; }
    public IReadOnlyList<string> Tags { get; init; } = [];
    public TaskOrigin Origin { get; init; } = TaskOrigin.Code;
    public IReadOnlyList<ScheduleDefinition> Schedules { get; init; } = [];
    /// <summary>Upstream tasks whose finished runs trigger this task (trigger <c>dependency</c>).</summary>
    public IReadOnlyList<TaskDependency> DependsOn { get; init; } = [];
    /// <summary>Fan-in: run once when every upstream met its condition for the same occurrence (nominal time), instead of
    /// once per upstream run.</summary>
    public bool DependsAll { get; init; }
}
