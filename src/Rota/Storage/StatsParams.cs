namespace Rota.Storage;

/// <summary>Run counts of one task: all time and since <see cref="RunStatsParams.Since"/>. Failed counts failed, timed out
/// and abandoned runs; skipped and missed rows count in neither.</summary>
public sealed record RunStatsRow(long TaskId, long Total, long Succeeded, long Failed, long Partial, long RecentTotal, long RecentSucceeded, long RecentFailed);

public sealed record RunStatsParams(DateTimeOffset Since);

/// <summary>Per task and UTC day: finished runs that succeeded and that failed.</summary>
public sealed record RunDailyRow(long TaskId, DateOnly Day, long Succeeded, long Failed);

/// <summary>Finished runs per UTC hour (the hour a run ended in): succeeded, and failed (failed, timed out, abandoned).</summary>
public sealed record RunHourlyRow(DateTimeOffset Hour, long Succeeded, long Failed);

/// <param name="Since">Runs that ended at or after this instant.</param>
/// <param name="Owner">Only runs of tasks this user owns (null: every task).</param>
public sealed record RunHourlyParams(DateTimeOffset Since, string? Owner = null);

/// <summary>Duration of one finished attempt, for percentiles.</summary>
public sealed record RunDurationRow(long TaskId, double DurationMs);

/// <param name="Since">Runs that ended at or after this instant.</param>
/// <param name="Limit">At most this many (newest first), so a busy store answers quickly.</param>
public sealed record RunDurationParams(DateTimeOffset Since, int Limit = 100_000);
