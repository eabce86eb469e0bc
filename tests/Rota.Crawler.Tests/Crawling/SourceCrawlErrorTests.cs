using Rota.Crawler.Crawling;
using Rota.Storage;

namespace Rota.Crawler.Tests.Crawling;

/// <summary>How a crawl records what went wrong: 410, 429, transient and permanent errors, unparseable feeds and entries.</summary>
public sealed class SourceCrawlErrorTests
{
    [Fact]
    public async Task Crawl_410_DisablesSourceWithReason()
    {
        await using var bed = await CrawlTestBed.CreateAsync();
        bed.Server.MapText("/feed", 410, "gone");
        var source = await bed.AddAsync("/feed");

        var result = await bed.CrawlOneAsync(source.Id);

        Assert.Equal((CrawlLogValues.Failed, SourceStatus.Disabled, "fetch.gone"), (result.Status, result.SourceStatus, result.ErrorCode));
        var row = await bed.SourceAsync(source.Id);
        Assert.Equal((SourceStatus.Disabled, "fetch.gone", (bool?)false), (row.Status, row.ErrorCode, row.ErrorTransient));
        Assert.NotNull(row.ErrorMessage);
        Assert.Empty(await bed.Crawler.SelectAsync(new CrawlRequest { Scope = CrawlScope.All }));
    }

    [Fact]
    public async Task Crawl_429WithRetryAfter_SetsNextCrawlFromIt()
    {
        await using var bed = await CrawlTestBed.CreateAsync();
        bed.Server.MapText("/feed", 429, "slow down", headers: ("Retry-After", "7200"));
        var source = await bed.AddAsync("/feed");

        var result = await bed.CrawlOneAsync(source.Id);

        Assert.Equal(("fetch.rate_limited", (bool?)true), (result.ErrorCode, result.ErrorTransient));
        var row = await bed.SourceAsync(source.Id);
        Assert.Equal((SourceStatus.Error, (DateTimeOffset?)CrawlTestBed.Start.AddHours(2)), (row.Status, row.NextCrawlAt));
    }

    [Fact]
    public async Task Crawl_TransientThenPermanentErrors_ClassifyAndBackOff()
    {
        await using var bed = await CrawlTestBed.CreateAsync();
        bed.Server.MapText("/feed", 503, "down");
        var source = await bed.AddAsync("/feed");

        await bed.CrawlOneAsync(source.Id);
        var first = await bed.SourceAsync(source.Id);
        bed.Time.Advance(TimeSpan.FromMinutes(5));
        await bed.CrawlOneAsync(source.Id);
        var second = await bed.SourceAsync(source.Id);
        bed.Server.MapText("/feed", 404, "missing");
        await bed.CrawlOneAsync(source.Id);
        var third = await bed.SourceAsync(source.Id);

        Assert.Equal((SourceStatus.Error, (bool?)true, 1), (first.Status, first.ErrorTransient, first.ConsecutiveErrors));
        Assert.Equal(CrawlTestBed.Start.AddMinutes(5), first.NextCrawlAt);
        Assert.Equal(CrawlTestBed.Start.AddMinutes(5 + 10), second.NextCrawlAt);
        Assert.Equal(("fetch.not_found", (bool?)false, 3), (third.ErrorCode, third.ErrorTransient, third.ConsecutiveErrors));
        Assert.Equal(CrawlTestBed.Start.AddMinutes(5).AddHours(24), third.NextCrawlAt);
        Assert.Equal(CrawlTestBed.Start, third.ErrorSince);
        Assert.Null(third.LastCrawledAt);
    }

    [Fact]
    public async Task Crawl_NotAFeed_FailsPermanentWithParserCode()
    {
        await using var bed = await CrawlTestBed.CreateAsync();
        bed.Server.MapText("/feed", 200, "just text, no feed here", "text/plain");
        var source = await bed.AddAsync("/feed");

        var result = await bed.CrawlOneAsync(source.Id);

        Assert.Equal((CrawlLogValues.Failed, "feed.format_not_detected", (bool?)false), (result.Status, result.ErrorCode, result.ErrorTransient));
    }

    [Fact]
    public async Task Crawl_EntryWithoutKey_IsPartialAndStoresTheRest()
    {
        await using var bed = await CrawlTestBed.CreateAsync();
        bed.Server.MapText("/feed", 200, TestFeeds.RssWithUnkeyedItem(), TestFeeds.RssType);
        var source = await bed.AddAsync("/feed");

        var result = await bed.CrawlOneAsync(source.Id);

        Assert.Equal((CrawlLogValues.Partial, SourceStatus.Active, 2, 1), (result.Status, result.SourceStatus, result.ItemsFetched, result.ItemsNew));
        var log = Assert.Single(await bed.Store.CrawlLogList(new CrawlLogListParams(SourceId: source.Id)));
        Assert.Equal(CrawlLogValues.Partial, log.Status);
        Assert.Single(log.ErrorDetails!["item_errors"]!.AsArray());
    }
}
