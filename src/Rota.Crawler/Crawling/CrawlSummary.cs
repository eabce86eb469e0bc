using System.Text.Json.Nodes;
using Rota.Storage;

namespace Rota.Crawler.Crawling;

/// <summary>A crawl run's result: seed 001's trigger summary (sources_crawled, successful, failed, partial, results) with
/// item counts. <see cref="ToJson"/> is the run's stats.</summary>
public sealed record CrawlSummary(IReadOnlyList<SourceCrawlResult> Results, int PagesQueued = 0)
{
    public int SourcesCrawled => Results.Count;
    public int Successful => Results.Count(r => r.Status == CrawlLogValues.Success);
    public int Failed => Results.Count(r => r.Status == CrawlLogValues.Failed);
    public int Partial => Results.Count(r => r.Status == CrawlLogValues.Partial);
    public int ItemsFetched => Results.Sum(r => r.ItemsFetched);
    public int ItemsNew => Results.Sum(r => r.ItemsNew);

    public JsonObject ToJson() => new()
    {
        ["sources_crawled"] = SourcesCrawled, ["successful"] = Successful, ["failed"] = Failed, ["partial"] = Partial,
        ["items_fetched"] = ItemsFetched, ["items_new"] = ItemsNew, ["pages_queued"] = PagesQueued,
        ["results"] = new JsonArray([.. Results.Select(r => (JsonNode)r.ToJson())]),
    };
}
