using Microsoft.AspNetCore.Http;
using Rota.Crawler.Crawling;
using Rota.Crawler.Scheduling;
using Rota.Crawler.Tests.Crawling;
using Rota.Storage;

namespace Rota.Crawler.Tests.Scheduling;

/// <summary>The whole loop on real parts: a loopback feed whose publisher posts weekdays at 09:10 UTC, a SQLite store,
/// the crawler, and a fake clock moved to each source's next crawl time.</summary>
public sealed class PredictiveCrawlTests
{
    private static readonly TimeSpan PostTime = new(9, 10, 0);

    private sealed record Replay(List<DateTimeOffset> Crawls, List<TimeSpan> Delays, string? LastReason);

    /// <summary>Crawls each source whenever it is due for <paramref name="days"/> days; a delay is how long after its
    /// publication an item was first stored.</summary>
    private static async Task<Dictionary<long, Replay>> RunAsync(CrawlTestBed bed, IReadOnlyList<long> ids, int days)
    {
        var end = bed.Time.GetUtcNow().AddDays(days);
        var replays = ids.ToDictionary(id => id, _ => new Replay([], [], null));
        while (true)
        {
            var sources = await Task.WhenAll(ids.Select(bed.SourceAsync));
            var next = sources.MinBy(s => s.NextCrawlAt)!;
            if (next.NextCrawlAt > end) break;
            if (next.NextCrawlAt > bed.Time.GetUtcNow()) bed.Time.SetUtcNow(next.NextCrawlAt!.Value);
            var result = await bed.CrawlOneAsync(next.Id, CrawlLogValues.Scheduled);
            Assert.Equal(CrawlLogValues.Success, result.Status);
            var r = replays[next.Id];
            r.Crawls.Add(bed.Time.GetUtcNow());
            // The first crawl stores the feed's backlog: not a delay.
            if (r.Crawls.Count > 1)
                foreach (var itemId in result.NewItemIds)
                r.Delays.Add(bed.Time.GetUtcNow() - (await bed.Store.ItemGet(itemId))!.PublishedAt!.Value);
            replays[next.Id] = r with { LastReason = CrawlScheduleModes.ReasonOf(await bed.SourceAsync(next.Id)) };
        }
        return replays;
    }

    [Fact]
    public async Task Predictive_WeekdayPublisher_CrawlsJustAfterPosting_FarFewerFetchesThanFixedAtNoWorseDelay()
    {
        await using var bed = await CrawlTestBed.CreateAsync();
        var publisher = new WeekdayPublisher(PostTime);
        bed.Server.Map("/weekday", ctx => { ctx.Response.ContentType = TestFeeds.RssType; return ctx.Response.WriteAsync(publisher.Rss(bed.Time.GetUtcNow())); });
        bed.Server.Map("/weekday-too", ctx => { ctx.Response.ContentType = TestFeeds.RssType; return ctx.Response.WriteAsync(publisher.Rss(bed.Time.GetUtcNow())); });
        var predictive = await bed.AddAsync("/weekday");
        var fixedHourly = await bed.AddAsync("/weekday-too");
        await bed.Store.SourceSetSchedule(new SourceSetScheduleParams(predictive.Id, null, "predictive", null, null, null, bed.Time.GetUtcNow()));
        await bed.Store.SourceSetSchedule(new SourceSetScheduleParams(fixedHourly.Id, null, "fixed", null, 3600, null, bed.Time.GetUtcNow()));

        // The first crawl stores the feed's backlog (8 weeks of posts): enough to learn from at once. Then two weeks.
        var replays = await RunAsync(bed, [predictive.Id, fixedHourly.Id], 14);
        var p = replays[predictive.Id];
        var f = replays[fixedHourly.Id];
        var pDelays = p.Delays;
        var fDelays = f.Delays;

        Assert.Equal(10, pDelays.Count);
        Assert.Equal(10, fDelays.Count);
        Assert.InRange(f.Crawls.Count, 14 * 24, 14 * 24 + 1);
        // Far fewer fetches: at most a quarter of the hourly schedule's.
        Assert.InRange(p.Crawls.Count, 14, f.Crawls.Count / 4);
        // Same or lower delay to discovery than fetching every hour.
        Assert.True(pDelays.Average(d => d.TotalMinutes) <= fDelays.Average(d => d.TotalMinutes),
            $"predictive mean delay {pDelays.Average(d => d.TotalMinutes):0.0} min vs fixed {fDelays.Average(d => d.TotalMinutes):0.0} min");
        Assert.All(pDelays, d => Assert.InRange(d, TimeSpan.Zero, TimeSpan.FromMinutes(50)));
        // Crawls cluster in the posting hour; none at night and on weekend nights.
        var learned = p.Crawls.Skip(1).ToList();
        Assert.All(learned, t => Assert.InRange(t.UtcDateTime.TimeOfDay, new TimeSpan(9, 0, 0), new TimeSpan(11, 0, 0)));
        Assert.True(learned.Count(t => t.UtcDateTime.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday) <= 4);
        Assert.Contains("posts mostly Mon–Fri 09:00–10:00 UTC", p.LastReason);
        Assert.StartsWith("fixed interval 1h", f.LastReason);
    }

    [Fact]
    public async Task CrawlerDefaultPredictive_SourceWithFewItems_AdaptsWhileLearning()
    {
        await using var bed = await CrawlTestBed.CreateAsync(new CrawlerOptions { Schedule = CrawlScheduleMode.Predictive });
        bed.Server.MapText("/feed", 200, TestFeeds.Rss("a", "b", "c"), TestFeeds.RssType);
        var source = await bed.AddAsync("/feed");

        await bed.CrawlOneAsync(source.Id);

        var row = await bed.SourceAsync(source.Id);
        Assert.Equal((DateTimeOffset?)CrawlTestBed.Start.AddMinutes(30), row.NextCrawlAt);
        Assert.Equal("learning (0 of 8 items over at least a day), adaptive meanwhile: 3 new item(s): interval halved to 30m", CrawlScheduleModes.ReasonOf(row));
    }

    [Fact]
    public async Task SourceModeOverridesCrawlerDefault_AndErrorsKeepTheBackOff()
    {
        await using var bed = await CrawlTestBed.CreateAsync(new CrawlerOptions { Schedule = CrawlScheduleMode.Predictive });
        bed.Server.MapText("/feed", 500, "down", "text/plain");
        var source = await bed.AddAsync("/feed");
        await bed.Store.SourceSetSchedule(new SourceSetScheduleParams(source.Id, null, "fixed", null, 7200, null, bed.Time.GetUtcNow()));

        await bed.CrawlOneAsync(source.Id);
        var failed = await bed.SourceAsync(source.Id);
        Assert.Equal(((DateTimeOffset?)CrawlTestBed.Start.AddMinutes(5), "retry in 5m (error back-off after 1 failure(s))"),
            (failed.NextCrawlAt, CrawlScheduleModes.ReasonOf(failed)));

        bed.Server.MapText("/feed", 200, TestFeeds.Rss("a"), TestFeeds.RssType);
        bed.Time.Advance(TimeSpan.FromMinutes(5));
        await bed.CrawlOneAsync(source.Id);
        var ok = await bed.SourceAsync(source.Id);
        Assert.Equal(((DateTimeOffset?)CrawlTestBed.Start.AddMinutes(5).AddHours(2), "fixed interval 2h"), (ok.NextCrawlAt, CrawlScheduleModes.ReasonOf(ok)));
    }
}
