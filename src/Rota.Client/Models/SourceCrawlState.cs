namespace Rota.Client.Models;

/// <summary>One source in <c>GET /api/v1/crawl/status</c>; <see cref="Type"/> is seed 001's word (<c>rss</c> for feeds
/// and web pages, else the kind).</summary>
public sealed record SourceCrawlState(long Id, string Name, string Type, string Status, DateTimeOffset? LastCrawledAt, string? ErrorMessage,
    CrawlLogInfo? LatestCrawl);
