namespace Rota.Alerts;

/// <summary>What an alert rule watches. Stored and written in configuration as snake_case words (<c>run_failed</c>).</summary>
public enum AlertRuleKind
{
    /// <summary>A run of a task (optionally filtered by task or tags) failed; resolved by its next success.</summary>
    RunFailed,
    /// <summary>The last <c>count</c> finished runs of a task all failed; resolved by its next success.</summary>
    ConsecutiveFailures,
    /// <summary>A run has been running longer than <c>duration</c>; resolved when it ends.</summary>
    RunLongerThan,
    /// <summary>Dead-man's switch: a task has not succeeded for <c>duration</c>; resolved by its next success.</summary>
    NoSuccessWithin,
    /// <summary>More than <c>count</c> sources failed in one crawl run (seed 001: 5); resolved by a crawl with fewer.</summary>
    SourcesFailedInCrawl,
    /// <summary>A source has been in (transient) error longer than <c>duration</c> (seed 001: 24 h); resolved when it recovers.
    /// Permanent errors are <see cref="SourcePermanentError"/>'s.</summary>
    SourceErrorLongerThan,
    /// <summary>A source failed with a permanent error (bad URL, gone, forbidden); resolved when it recovers.</summary>
    SourcePermanentError,
    /// <summary>A node stopped heartbeating for <c>duration</c> or was removed as stale; resolved when it is back.</summary>
    NodeLost,
    /// <summary>This node cannot reach the store for <c>duration</c>; resolved when it can.</summary>
    StoreUnreachable,
    /// <summary>No scheduler pass (or no leader) for <c>duration</c>; resolved when scheduling resumes.</summary>
    SchedulerStopped,
    /// <summary>A finished run of <c>task</c> reported the stats value <c>stat</c> outside <c>min</c>..<c>max</c> (or did
    /// not report it, unless <c>missing: ignore</c>); resolved by a later run back in range (seed 000's expected daily stats).</summary>
    StatOutOfRange,
    /// <summary>A notice for every finished crawl run (handler <c>crawl</c>) with its summary: no grouping, no resolved
    /// message (seed 001's "webhook notifications for crawl completion").</summary>
    CrawlCompleted,
}
