using System.Text.Json.Nodes;

namespace Rota.Storage;

/// <summary>One crawl of one source (seed 001's <c>crawl_logs</c> row).</summary>
public sealed record CrawlLogRow
{
    public long Id { get; init; }
    public required string Owner { get; init; }
    public long? SourceId { get; init; }
    public long? RunId { get; init; }
    public required string CrawlType { get; init; }
    public required string Status { get; init; }
    public int ItemsFetched { get; init; }
    public int ItemsNew { get; init; }
    public string? ErrorMessage { get; init; }
    public JsonObject? ErrorDetails { get; init; }
    public long? DurationMs { get; init; }
    public DateTimeOffset StartedAt { get; init; }
    public DateTimeOffset? CompletedAt { get; init; }
    public JsonObject? Metadata { get; init; }
}

public sealed record CrawlLogStartParams(string Owner, long? SourceId, long? RunId, string CrawlType, DateTimeOffset Now, JsonObject? Metadata = null);

public sealed record CrawlLogFinishParams(long Id, string Status, int ItemsFetched, int ItemsNew, string? ErrorMessage, JsonObject? ErrorDetails,
    long DurationMs, DateTimeOffset Now, JsonObject? Metadata = null);

/// <summary>Newest first; every filter optional; <c>BeforeId</c> is the cursor of the next page.</summary>
public sealed record CrawlLogListParams(string? Owner = null, long? SourceId = null, string? Status = null, long? BeforeId = null, int Limit = 50);

public sealed record CrawlLogStatsParams(string? Owner = null);

/// <summary>Seed 001's <c>/crawl/stats</c> fields over every finished crawl of an owner. <c>SuccessRate</c> is the
/// percentage of successful crawls, rounded to two decimals (0 when there are none).</summary>
public sealed record CrawlLogStats(long TotalCrawls, long Successful, long Failed, long Partial, long TotalItemsFetched, long TotalItemsNew,
    DateTimeOffset? LastCrawlAt, double AvgDurationMs, double SuccessRate);

public sealed record CrawlLogPruneParams(DateTimeOffset OlderThan, int Limit = 10_000);
