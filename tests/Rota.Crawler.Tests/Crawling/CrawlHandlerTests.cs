using Rota.Runs;
using Rota.Storage;
using Rota.Tasks;

namespace Rota.Crawler.Tests.Crawling;

public sealed class CrawlHandlerTests
{
    private static string PageFeed(EngineBed bed) =>
        "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>T</title>" +
        $"<item><guid>p1</guid><title>One</title><link>{bed.Server.Url("/page/1")}</link></item>" +
        $"<item><guid>p2</guid><title>Two</title><link>{bed.Server.Url("/page/2")}</link></item></channel></rss>";

    [Fact]
    public async Task ManualCrawlOfOneSource_WithFetchPageTask_QueuesAndStoresPageText()
    {
        await using var bed = await EngineBed.CreateAsync();
        bed.Server.MapText("/feed", 200, PageFeed(bed), TestFeeds.RssType);
        bed.Server.MapText("/page/1", 200, "<html><head><title> Page  one </title><script>x()</script></head><body><p>Hello</p>\n<p>world</p></body></html>", "text/html; charset=utf-8");
        bed.Server.MapText("/page/2", 404, "missing");
        var source = await bed.AddAsync("/feed");
        await bed.Engine.Client.ApplyAsync(new TaskDefinition { Name = "pages", Handler = "fetch-page", Overlap = new OverlapPolicy(OverlapKind.AllowAll, 10) });
        await bed.Engine.Client.ApplyAsync(new TaskDefinition { Name = "crawl", Handler = "crawl" });

        var trigger = await bed.Engine.Client.TriggerAsync(new TriggerRequest("crawl", new() { ["source_id"] = source.Id, ["fetch_page_task"] = "pages" }));
        await bed.Engine.RunDueAsync();

        var run = (await bed.Store.RunGet(trigger.RunId))!;
        Assert.Equal(RunStatus.Succeeded, run.Status);
        Assert.Equal((1, 2, 2), (run.Stats!["sources_crawled"]!.GetValue<int>(), run.Stats["items_new"]!.GetValue<int>(), run.Stats["pages_queued"]!.GetValue<int>()));
        Assert.Equal(CrawlLogValues.Manual, Assert.Single(await bed.Store.CrawlLogList(new CrawlLogListParams())).CrawlType);
        var pages = await bed.Store.RunList(new RunListParams { TaskName = "pages" });
        Assert.Equal(2, pages.Count);
        Assert.All(pages, p => Assert.Equal(RunStatus.Succeeded, p.Status));
        var items = (await bed.Store.ItemList(new ItemListParams(source.Id))).OrderBy(i => i.Id).ToList();
        Assert.Equal((200, "Page one", "Hello world"), (items[0].PageStatus, items[0].PageTitle, items[0].PageText));
        Assert.Equal((404, (string?)null), (items[1].PageStatus, items[1].PageText));
    }

    [Fact]
    public async Task Crawl_EverySourceFails_RunFailsWithoutRetry()
    {
        await using var bed = await EngineBed.CreateAsync();
        bed.Server.MapText("/a", 500, "x");
        await bed.AddAsync("/a");
        await bed.Engine.Client.ApplyAsync(new TaskDefinition { Name = "crawl", Handler = "crawl" });

        var trigger = await bed.Engine.Client.TriggerAsync(new TriggerRequest("crawl"));
        await bed.Engine.RunDueAsync();

        var run = (await bed.Store.RunGet(trigger.RunId))!;
        Assert.Equal(RunStatus.Failed, run.Status);
        Assert.Equal("crawl.all_failed", run.Error!.Type);
        Assert.Equal(1, run.Stats!["failed"]!.GetValue<int>());
    }

    [Fact]
    public async Task Crawl_BadScope_FailsNamingTheParameter()
    {
        await using var bed = await EngineBed.CreateAsync();
        await bed.Engine.Client.ApplyAsync(new TaskDefinition { Name = "crawl", Handler = "crawl", Parameters = new() { ["scope"] = "everything" } });

        var trigger = await bed.Engine.Client.TriggerAsync(new TriggerRequest("crawl"));
        await bed.Engine.RunDueAsync();

        var run = (await bed.Store.RunGet(trigger.RunId))!;
        Assert.Equal(("crawl.bad_parameters", RunStatus.Failed), (run.Error!.Type, run.Status));
        Assert.Contains("'scope'", run.Error.Message, StringComparison.Ordinal);
    }
}
