namespace Rota.Client.Models;

/// <summary><c>GET /api/v1/crawl/logs</c>, newest first; the last log's id is the <c>beforeId</c> of the next page.</summary>
public sealed record CrawlLogList(IReadOnlyList<CrawlLogInfo> Logs, int Count);
