using Rota.Crawler.Crawling;
using Rota.Storage;

namespace Rota.Crawler.Tests.Crawling;

public sealed class CrawlSummaryTests
{
    private static SourceCrawlResult R(long id, string status, int fetched = 1, int isNew = 1) => new()
    {
        SourceId = id, Name = $"s{id}", Url = $"https://e.example/{id}", Status = status, SourceStatus = SourceStatus.Active,
        ItemsFetched = fetched, ItemsNew = isNew,
    };

    [Fact]
    public void ToJson_CountsEveryResult_AndKeepsFailuresWhenTruncating()
    {
        var summary = new CrawlSummary([R(1, "success"), R(2, "failed", 0, 0), R(3, "success"), R(4, "partial", 2, 1)], PagesQueued: 2);

        var full = summary.ToJson();
        var cut = summary.ToJson(maxResults: 2);

        Assert.Equal((4, 2, 1, 1, 4, 3, 2), (full["sources_crawled"]!.GetValue<int>(), full["successful"]!.GetValue<int>(), full["failed"]!.GetValue<int>(),
            full["partial"]!.GetValue<int>(), full["items_fetched"]!.GetValue<int>(), full["items_new"]!.GetValue<int>(), full["pages_queued"]!.GetValue<int>()));
        Assert.Equal(4, full["results"]!.AsArray().Count);
        Assert.Null(full["results_truncated"]);
        Assert.Equal([2L, 4L], cut["results"]!.AsArray().Select(r => r!["source_id"]!.GetValue<long>()));
        Assert.True(cut["results_truncated"]!.GetValue<bool>());
        Assert.Equal(4, cut["sources_crawled"]!.GetValue<int>());
    }
}
