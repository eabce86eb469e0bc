namespace Rota.Client.Models;

/// <summary><c>GET /api/v1/crawl/stats</c>: over every finished crawl of the caller's sources; <see cref="SuccessRate"/>
/// is a percentage.</summary>
public sealed record CrawlStats(long TotalCrawls, long Successful, long Failed, long Partial, long TotalItemsFetched, long TotalItemsNew,
    DateTimeOffset? LastCrawlAt, double AvgDurationMs, double SuccessRate);
