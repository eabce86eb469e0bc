using System.Text.Json.Nodes;

namespace Rota.Storage;

/// <summary>A thing the crawler polls. <c>Url</c> is the feed fetched (moved by 301/308 chains); <c>NormalizedUrl</c>
/// is the dedup key of what was added (unique per owner).</summary>
public sealed record SourceRow
{
    public long Id { get; init; }
    public required string Owner { get; init; }
    public required string Name { get; init; }
    public required string Kind { get; init; }
    public required string Input { get; init; }
    public required string Url { get; init; }
    public required string NormalizedUrl { get; init; }
    public string Status { get; init; } = SourceStatus.Pending;
    public string? ErrorMessage { get; init; }
    public string? ErrorCode { get; init; }
    public bool? ErrorTransient { get; init; }
    public DateTimeOffset? ErrorSince { get; init; }
    public int ConsecutiveErrors { get; init; }
    public string? ETag { get; init; }
    public string? LastModified { get; init; }
    /// <summary>Last successful crawl (200 or 304).</summary>
    public DateTimeOffset? LastCrawledAt { get; init; }
    public DateTimeOffset? LastAttemptAt { get; init; }
    public DateTimeOffset? NextCrawlAt { get; init; }
    public int PollIntervalSeconds { get; init; }
    public long ItemsTotal { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
    public JsonObject? Metadata { get; init; }
    /// <summary>The source's crawl rules (filters, rewrites, limits, request identity, full content) as validated
    /// JSON; null: none. The crawler's <c>SourceRules</c> reads and validates them.</summary>
    public JsonObject? Rules { get; init; }
}

/// <summary>Adds a source, or updates name/kind/input/url/metadata of the owner's source with the same normalized URL.
/// A new source is <c>pending</c> and due at once.</summary>
public sealed record SourceUpsertParams(string Owner, string Name, string Kind, string Input, string Url, string NormalizedUrl,
    int PollIntervalSeconds, DateTimeOffset Now, JsonObject? Metadata = null);

/// <param name="Owner">Only when the source belongs to this owner (null: any owner).</param>
public sealed record SourceGetParams(long Id, string? Owner = null);

/// <param name="Status">Only this status (null: any).</param>
/// <param name="DueBefore">Only sources not disabled whose next crawl is unset or at or before this instant.</param>
public sealed record SourceListParams(string? Owner = null, string? Status = null, DateTimeOffset? DueBefore = null, int Limit = 100_000);

public sealed record SourceDeleteParams(long Id, string? Owner = null);

/// <summary>The result of one crawl of a source. On success (<c>Failed</c> false) the error fields are cleared,
/// <c>consecutive_errors</c> reset and <c>last_crawled_at</c> set; on failure <c>error_since</c> keeps the first
/// failure's time and <c>consecutive_errors</c> grows. <c>items_total</c> is recounted. A <c>ScheduleReason</c> is
/// stored in the metadata key <c>schedule_reason</c> (null keeps the old one).</summary>
/// <param name="Url">The new feed URL after a permanent redirect; null keeps it.</param>
public sealed record SourceUpdateAfterCrawlParams(long Id, string Status, bool Failed, string? ErrorCode, string? ErrorMessage, bool? ErrorTransient,
    string? ETag, string? LastModified, DateTimeOffset NextCrawlAt, int PollIntervalSeconds, DateTimeOffset Now, string? Url = null,
    string? ScheduleReason = null);

/// <summary>Sets a source's own scheduling mode (metadata key <c>schedule</c>; null: follow the crawler's default) and the
/// explanation (<c>schedule_reason</c>; null removes it). <c>PollIntervalSeconds</c> and <c>NextCrawlAt</c> change
/// only when given.</summary>
/// <param name="Owner">Only when the source belongs to this owner (null: any owner).</param>
public sealed record SourceSetScheduleParams(long Id, string? Owner, string? Mode, string? Reason, int? PollIntervalSeconds,
    DateTimeOffset? NextCrawlAt, DateTimeOffset Now);

/// <summary>Replaces a source's crawl rules (null clears them); the caller validated them.</summary>
/// <param name="Owner">Only when the source belongs to this owner (null: any owner).</param>
public sealed record SourceSetRulesParams(long Id, JsonObject? Rules, DateTimeOffset Now, string? Owner = null);
