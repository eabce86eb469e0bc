using System.Text.Json.Nodes;

namespace Rota.Crawler.Crawling;

/// <summary>How one source's crawl went: the crawl log's status (success, failed, partial) and the source's new status.</summary>
public sealed record SourceCrawlResult
{
    public required long SourceId { get; init; }
    public required string Name { get; init; }
    public required string Url { get; init; }
    public required string Status { get; init; }
    public required string SourceStatus { get; init; }
    public int ItemsFetched { get; init; }
    public int ItemsNew { get; init; }
    public int? HttpStatus { get; init; }
    public string? ErrorCode { get; init; }
    public string? ErrorMessage { get; init; }
    public bool? ErrorTransient { get; init; }
    public long DurationMs { get; init; }
    public long CrawlLogId { get; init; }
    public IReadOnlyList<long> NewItemIds { get; init; } = [];
    /// <summary>What the source's crawl rules held back (<c>items_filtered</c>) or changed.</summary>
    public Rules.RuleCounts Rules { get; init; } = new();

    public JsonObject ToJson() => new()
    {
        ["source_id"] = SourceId, ["name"] = Name, ["url"] = Url, ["status"] = Status, ["source_status"] = SourceStatus,
        ["items_fetched"] = ItemsFetched, ["items_new"] = ItemsNew, ["http_status"] = HttpStatus, ["error_code"] = ErrorCode,
        ["error_message"] = ErrorMessage, ["duration_ms"] = DurationMs, ["crawl_log_id"] = CrawlLogId,
        ["items_filtered"] = Rules.Filtered, ["rules"] = Rules.IsEmpty ? null : Rules.ToJson(),
    };
}
