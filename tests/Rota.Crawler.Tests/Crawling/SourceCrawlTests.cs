using Microsoft.AspNetCore.Http;
using Rota.Crawler.Crawling;
using Rota.Storage;

namespace Rota.Crawler.Tests.Crawling;

public sealed class SourceCrawlTests
{
    [Fact]
    public async Task Crawl_NewFeed_StoresItemsLogsSuccessAndActivates()
    {
        await using var bed = await CrawlTestBed.CreateAsync();
        bed.Server.MapText("/feed", 200, TestFeeds.Rss("a", "b", "c"), TestFeeds.RssType);
        var source = await bed.AddAsync("/feed");

        var result = await bed.CrawlOneAsync(source.Id);

        Assert.Equal((CrawlLogValues.Success, SourceStatus.Active, 3, 3), (result.Status, result.SourceStatus, result.ItemsFetched, result.ItemsNew));
        var log = Assert.Single(await bed.Store.CrawlLogList(new CrawlLogListParams(SourceId: source.Id)));
        Assert.Equal(("ada", CrawlLogValues.Manual, CrawlLogValues.Success, 3, 3), (log.Owner, log.CrawlType, log.Status, log.ItemsFetched, log.ItemsNew));
        Assert.Equal(CrawlTestBed.Start, log.CompletedAt);
        var row = await bed.SourceAsync(source.Id);
        Assert.Equal((SourceStatus.Active, (DateTimeOffset?)CrawlTestBed.Start, 3L, 0), (row.Status, row.LastCrawledAt, row.ItemsTotal, row.ConsecutiveErrors));
        var items = await bed.Store.ItemList(new ItemListParams(source.Id));
        Assert.Equal(["Title c", "Title b", "Title a"], items.Select(i => i.Title));
        Assert.Equal("https://example.com/a", items[2].Url);
        Assert.Equal("[\"c1\"]", items[2].Categories!.ToJsonString());
    }

    [Fact]
    public async Task Crawl_SecondTimeWithOneNewEntry_StoresNoDuplicates()
    {
        await using var bed = await CrawlTestBed.CreateAsync();
        bed.Server.MapText("/feed", 200, TestFeeds.Atom("a", "b"), TestFeeds.AtomType);
        var source = await bed.AddAsync("/feed");
        await bed.CrawlOneAsync(source.Id);
        bed.Server.MapText("/feed", 200, TestFeeds.Atom("c", "a", "b"), TestFeeds.AtomType);

        var second = await bed.CrawlOneAsync(source.Id);

        Assert.Equal((3, 1), (second.ItemsFetched, second.ItemsNew));
        Assert.Equal(3, (await bed.Store.ItemList(new ItemListParams(source.Id))).Count);
    }

    [Fact]
    public async Task Crawl_304_KeepsItemsAndSendsStoredValidators()
    {
        await using var bed = await CrawlTestBed.CreateAsync();
        const string etag = "\"v1\"";
        bed.Server.Map("/feed", async ctx =>
        {
            if (ctx.Request.Headers.IfNoneMatch == etag) { ctx.Response.StatusCode = 304; return; }
            ctx.Response.Headers.ETag = etag;
            ctx.Response.Headers.LastModified = "Sun, 01 Mar 2026 10:00:00 GMT";
            ctx.Response.ContentType = TestFeeds.JsonType;
            await ctx.Response.WriteAsync(TestFeeds.Json("a", "b"));
        });
        var source = await bed.AddAsync("/feed");
        await bed.CrawlOneAsync(source.Id);
        bed.Time.Advance(TimeSpan.FromHours(1));

        var second = await bed.CrawlOneAsync(source.Id);

        Assert.Equal((CrawlLogValues.Success, 0, 0, (int?)304), (second.Status, second.ItemsFetched, second.ItemsNew, second.HttpStatus));
        var row = await bed.SourceAsync(source.Id);
        Assert.Equal((etag, "Sun, 01 Mar 2026 10:00:00 GMT", 2L), (row.ETag, row.LastModified, row.ItemsTotal));
        Assert.Equal(CrawlTestBed.Start.AddHours(1), row.LastCrawledAt);
        var last = bed.Server.Requests[^1];
        Assert.Equal(etag, last.Headers["If-None-Match"]);
        Assert.Equal("Sun, 01 Mar 2026 10:00:00 GMT", last.Headers["If-Modified-Since"]);
    }

    [Fact]
    public async Task Crawl_301Chain_UpdatesUrl_302DoesNot()
    {
        await using var bed = await CrawlTestBed.CreateAsync();
        bed.Server.MapText("/new", 200, TestFeeds.Rss("a"), TestFeeds.RssType);
        bed.Server.MapRedirect("/moved", bed.Server.Url("/new"), 301);
        bed.Server.MapRedirect("/temp", bed.Server.Url("/new"), 302);
        var moved = await bed.AddAsync("/moved");
        var temp = await bed.AddAsync("/temp");

        await bed.CrawlOneAsync(moved.Id);
        await bed.CrawlOneAsync(temp.Id);

        Assert.Equal(bed.Server.Url("/new"), (await bed.SourceAsync(moved.Id)).Url);
        Assert.Equal(bed.Server.Url("/moved"), (await bed.SourceAsync(moved.Id)).NormalizedUrl);
        Assert.Equal(bed.Server.Url("/temp"), (await bed.SourceAsync(temp.Id)).Url);
        var log = (await bed.Store.CrawlLogList(new CrawlLogListParams(SourceId: moved.Id)))[0];
        Assert.Equal(301, log.ErrorDetails!["redirects"]![0]!["status"]!.GetValue<int>());
    }

    [Fact]
    public async Task Crawl_AdaptiveInterval_HalvesOnNewItemsAndGrowsWhenQuiet()
    {
        await using var bed = await CrawlTestBed.CreateAsync();
        bed.Server.MapText("/feed", 200, TestFeeds.Rss("a"), TestFeeds.RssType);
        var source = await bed.AddAsync("/feed");

        await bed.CrawlOneAsync(source.Id);
        var afterNew = await bed.SourceAsync(source.Id);
        await bed.CrawlOneAsync(source.Id);
        var afterQuiet = await bed.SourceAsync(source.Id);

        Assert.Equal(1800, afterNew.PollIntervalSeconds);
        Assert.Equal(CrawlTestBed.Start.AddMinutes(30), afterNew.NextCrawlAt);
        Assert.Equal(2700, afterQuiet.PollIntervalSeconds);
        for (var i = 0; i < 20; i++) await bed.CrawlOneAsync(source.Id);
        Assert.Equal(24 * 3600, (await bed.SourceAsync(source.Id)).PollIntervalSeconds);
    }

    [Fact]
    public async Task SelectAsync_Due_TakesOnlySourcesWhoseTimeHasCome()
    {
        await using var bed = await CrawlTestBed.CreateAsync();
        bed.Server.MapText("/feed", 200, TestFeeds.Rss("a"), TestFeeds.RssType);
        var crawled = await bed.AddAsync("/feed");
        await bed.CrawlOneAsync(crawled.Id);
        var fresh = await bed.AddAsync("/other");

        Assert.Equal([fresh.Id], (await bed.Crawler.SelectAsync(new CrawlRequest())).Select(s => s.Id));
        Assert.Equal([crawled.Id], (await bed.Crawler.SelectAsync(new CrawlRequest { Scope = CrawlScope.Active })).Select(s => s.Id));
        bed.Time.Advance(TimeSpan.FromMinutes(30));
        Assert.Equal(2, (await bed.Crawler.SelectAsync(new CrawlRequest { Owner = "ada" })).Count);
        Assert.Empty(await bed.Crawler.SelectAsync(new CrawlRequest { Owner = "bob" }));
    }
}
