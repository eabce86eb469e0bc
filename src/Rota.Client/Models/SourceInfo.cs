using System.Text.Json.Nodes;

namespace Rota.Client.Models;

/// <summary>A source the crawler polls (<c>GET /api/v1/sources/{id}</c>). <see cref="Kind"/> is <c>feed</c>, <c>json_feed</c>,
/// <c>web_page</c>, <c>youtube</c>, <c>reddit</c>, <c>github</c>, <c>mastodon</c>, <c>bluesky</c> or <c>twitter</c>;
/// <see cref="Url"/> is the feed fetched, <see cref="Input"/> what was added, <see cref="Rules"/> its crawl rules (null: none).</summary>
public sealed record SourceInfo(long Id, string Owner, string Name, string Kind, string Input, string Url, string Status,
    string? ErrorMessage, string? ErrorCode, bool? ErrorTransient, DateTimeOffset? ErrorSince, int ConsecutiveErrors,
    DateTimeOffset? LastCrawledAt, DateTimeOffset? LastAttemptAt, DateTimeOffset? NextCrawlAt, int PollIntervalSeconds, long ItemsTotal,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, JsonObject? Metadata = null, JsonObject? Rules = null);
