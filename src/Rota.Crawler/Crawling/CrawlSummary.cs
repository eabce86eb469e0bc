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
    /// <summary>Entries the sources' crawl rules kept from being stored (max_items, block, keep, min_quality).</summary>
    public int ItemsFiltered => Results.Sum(r => r.Rules.Filtered);

    /// <param name="maxResults">At most this many entries in <c>results</c> (failed and partial first, then in source
    /// order); <c>results_truncated</c> says when some were left out, so a run over thousands of sources keeps small stats.</param>
    public JsonObject ToJson(int maxResults = int.MaxValue)
    {
        var shown = Results.Count <= maxResults ? Results
            : [.. Results.OrderBy(r => r.Status == CrawlLogValues.Success ? 1 : 0).Take(maxResults).OrderBy(r => r.SourceId)];
        var json = new JsonObject
        {
            ["sources_crawled"] = SourcesCrawled, ["successful"] = Successful, ["failed"] = Failed, ["partial"] = Partial,
            ["items_fetched"] = ItemsFetched, ["items_new"] = ItemsNew, ["items_filtered"] = ItemsFiltered, ["pages_queued"] = PagesQueued,
            ["results"] = new JsonArray([.. shown.Select(r => (JsonNode)r.ToJson())]),
        };
        if (shown.Count < Results.Count) json["results_truncated"] = true;
        return json;
    }
}
