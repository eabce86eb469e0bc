namespace Rota.Scheduling;

/// <summary>When a task fires. A task may have several schedules; a schedule may hold several specs (union).</summary>
public sealed record ScheduleDefinition
{
    /// <summary>Name unique within the task (default "default"); seed 003's run types are schedule names.</summary>
    public string Name { get; init; } = "default";
    public required IReadOnlyList<TriggerSpec> Specs { get; init; }
    /// <summary>IANA time zone id (default UTC).</summary>
    public string TimeZone { get; init; } = "UTC";
    /// <summary>Deterministic per-occurrence delay in [0, Jitter) (null = none).</summary>
    public TimeSpan? Jitter { get; init; }
    public DateTimeOffset? StartAt { get; init; }
    public DateTimeOffset? EndAt { get; init; }
    /// <summary>Stop after this many fired runs (skipped/missed rows do not count).</summary>
    public int? MaxRuns { get; init; }
    /// <summary>Local dates on which the schedule does not fire (a calendar of exclusions).</summary>
    public IReadOnlyList<DateOnly> ExcludedDates { get; init; } = [];
    /// <summary>Parameters merged over the task's for runs of this schedule.</summary>
    public System.Text.Json.Nodes.JsonObject? Parameters { get; init; }
    public bool Enabled { get; init; } = true;
}
