using Rota.Storage;

namespace Rota.Crawler.Crawling;

/// <summary>What one crawl run does. <see cref="SourceId"/> wins over <see cref="Scope"/> and crawls that source even when
/// it is disabled or not due.</summary>
public sealed record CrawlRequest
{
    /// <summary>Only this owner's sources (null: every owner's).</summary>
    public string? Owner { get; init; }
    public long? SourceId { get; init; }
    public CrawlScope Scope { get; init; } = CrawlScope.Due;
    /// <summary>Seed 001's crawl_type: scheduled, manual or retry.</summary>
    public string CrawlType { get; init; } = CrawlLogValues.Manual;
    /// <summary>The run doing the crawl, recorded in each crawl log.</summary>
    public long? RunId { get; init; }
    /// <summary>When set, each new item queues a run of this task (a <c>fetch-page</c> task) with <c>{"item_id": N}</c>.</summary>
    public string? FetchPageTask { get; init; }
}
