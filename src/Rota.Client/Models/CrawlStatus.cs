namespace Rota.Client.Models;

/// <summary><c>GET /api/v1/crawl/status</c>: each of the caller's sources with its latest crawl, and counts.</summary>
public sealed record CrawlStatus(IReadOnlyList<SourceCrawlState> Sources, int Total, int Active, int Error);
