using System.Text.Json.Nodes;
using Rota.Runs;

namespace Rota.Storage;

public sealed record RunInsertParams
{
    public required long TaskId { get; init; }
    public long? ScheduleId { get; init; }
    public RunTrigger Trigger { get; init; } = RunTrigger.Manual;
    public string? TriggeredBy { get; init; }
    /// <summary>Scheduled/Available for runs to execute; Skipped/Missed/Cancelled for history rows.</summary>
    public RunStatus Status { get; init; } = RunStatus.Available;
    public string? Reason { get; init; }
    public string Queue { get; init; } = "default";
    public int Priority { get; init; }
    public DateTimeOffset? NominalTime { get; init; }
    public required DateTimeOffset ScheduledAt { get; init; }
    public int MaxAttempts { get; init; } = 1;
    public JsonObject? Parameters { get; init; }
    public string? IdempotencyKey { get; init; }
    /// <summary>The pipeline run this run is a step of.</summary>
    public long? ParentRunId { get; init; }
    /// <summary>The pipeline step name (with <see cref="ParentRunId"/>, or alone for a one-step re-run).</summary>
    public string? Step { get; init; }
    public required DateTimeOffset Now { get; init; }
}

public sealed record RunInsertResult(long Id, bool Inserted);

/// <param name="AgingInterval">Priority aging: a waiting run counts one priority higher per interval it has been due
/// (effective priority = priority + floor(waited / interval)); null or zero: plain priority order.</param>
/// <param name="Ahead">Runs to claim beyond <paramref name="Limit"/> for the node's local buffer (claim ahead). They are
/// claimed only when the queue's cluster-wide limit leaves room for all of them after <paramref name="Limit"/>, so a
/// buffer never takes the last free slots of a limited queue from other nodes.</param>
public sealed record RunClaimNextParams(string Queue, string Node, int Limit, DateTimeOffset Now, DateTimeOffset LeaseUntil,
    TimeSpan? AgingInterval = null, int Ahead = 0)
{
    /// <summary>The interval in whole milliseconds, 0 when aging is off.</summary>
    public long AgingMs => AgingInterval is { } a && a > TimeSpan.Zero ? Math.Max(1, (long)a.TotalMilliseconds) : 0;
}

/// <summary>The end of one attempt. <c>Status</c> Scheduled means "retry/snooze at NextScheduledAt".</summary>
public sealed record RunCompletion
{
    public required long RunId { get; init; }
    public required int Attempt { get; init; }
    public required RunStatus Status { get; init; }
    public required DateTimeOffset EndedAt { get; init; }
    public DateTimeOffset? NextScheduledAt { get; init; }
    /// <summary>For a snooze: the attempt number is not consumed.</summary>
    public bool IsSnooze { get; init; }
    public string? Reason { get; init; }
    public JsonObject? Stats { get; init; }
    public RunError? Error { get; init; }
    public string? Logs { get; init; }
    public int? Progress { get; init; }
}

public sealed record RunHeartbeatParams(IReadOnlyList<long> RunIds, DateTimeOffset LeaseUntil);

public sealed record RunProgressParams(long RunId, int? Progress, string? Text);

public sealed record RunCancelParams(long RunId, string Reason, DateTimeOffset Now);

public enum RunCancelOutcome { NotFound, Cancelled, CancelRequested, AlreadyFinished }

public sealed record RunCancelResult(RunCancelOutcome Outcome, RunStatus? Status);

public sealed record RunAbandonParams(long RunId, int Attempt, string Reason, DateTimeOffset Now);

public sealed record RunActiveListParams(long TaskId);

/// <param name="Node">This node: its own running runs are never rescued.</param>
/// <param name="AllOtherNodes">Single-node stores: every run held by another node is orphaned, lease or not.</param>
/// <summary>Rescue of orphaned runs. With <c>Term</c> (clusters) it is fenced: it does nothing unless <c>Node</c> still
/// holds that leadership term with an unexpired lease at <c>Now</c>.</summary>
public sealed record RunRescueParams(DateTimeOffset Now, string Node, bool AllOtherNodes, TimeSpan RetryDelay, long? Term = null);

public sealed record RunRescueResult(long RunId, RunStatus NewStatus, int Attempt);

public sealed record RunListParams
{
    public string? TaskName { get; init; }
    /// <summary>Only runs of tasks owned by this user (null: everyone's).</summary>
    public string? Owner { get; init; }
    public RunStatus? Status { get; init; }
    public RunTrigger? Trigger { get; init; }
    public DateTimeOffset? From { get; init; }
    public DateTimeOffset? To { get; init; }
    /// <summary>Cursor: only runs with a smaller id (newest first).</summary>
    public long? BeforeId { get; init; }
    public int Limit { get; init; } = 50;
}

public sealed record RunPruneParams(DateTimeOffset Now, int BatchSize = 5000);

public sealed record RunActiveCount(int Running, int Waiting);

public sealed record RunWakeParams(long RunId, DateTimeOffset Now);
