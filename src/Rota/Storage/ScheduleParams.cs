using Rota.Scheduling;

namespace Rota.Storage;

public sealed record ScheduleRow
{
    public long Id { get; init; }
    public long TaskId { get; init; }
    public string TaskName { get; init; } = "";
    public required ScheduleDefinition Definition { get; init; }
    public DateTimeOffset? LastNominalAt { get; init; }
    public DateTimeOffset? NextNominalAt { get; init; }
    /// <summary>NextNominalAt plus jitter: when the scheduler must wake for it.</summary>
    public DateTimeOffset? NextFireAt { get; init; }
    public int FireCount { get; init; }
    /// <summary>The owning task, when the query joined it (ScheduleGetDue does).</summary>
    public TaskRow? Task { get; init; }
    public string Name => Definition.Name;
}

public sealed record ScheduleGetDueParams(DateTimeOffset Now, int Limit = 500);

public sealed record ScheduleListParams(long? TaskId = null);

/// <param name="NextNominalAt">First occurrence for a new or changed schedule.</param>
public sealed record ScheduleSyncItem(ScheduleDefinition Definition, DateTimeOffset? NextNominalAt, DateTimeOffset? NextFireAt);

public sealed record ScheduleSyncParams(long TaskId, IReadOnlyList<ScheduleSyncItem> Items, DateTimeOffset Now);

/// <summary>Fires one schedule: inserts <c>Runs</c> (scheduled, skipped and missed rows) and advances the schedule.</summary>
public sealed record ScheduleFireParams(
    long ScheduleId,
    IReadOnlyList<RunInsertParams> Runs,
    DateTimeOffset? LastNominalAt,
    DateTimeOffset? NextNominalAt,
    DateTimeOffset? NextFireAt,
    int FiredCount);

/// <summary>Sets the next fire of a schedule without firing (resume, after_completion).</summary>
public sealed record ScheduleSetNextParams(long ScheduleId, DateTimeOffset? NextNominalAt, DateTimeOffset? NextFireAt);
