namespace Rota.Client.Models;

/// <summary>How one source's crawl went: <see cref="Status"/> is the crawl's (success, failed, partial),
/// <see cref="SourceStatus"/> the source's afterwards. <see cref="ItemsFiltered"/>: entries its crawl rules kept out,
/// broken down in <see cref="Rules"/> (null when the rules did nothing).</summary>
public sealed record CrawlResultInfo(long SourceId, string Name, string Url, string Status, string SourceStatus, int ItemsFetched, int ItemsNew,
    int? HttpStatus, string? ErrorCode, string? ErrorMessage, long DurationMs, long CrawlLogId, int ItemsFiltered = 0,
    System.Text.Json.Nodes.JsonObject? Rules = null);
