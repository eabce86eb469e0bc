using System.Globalization;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Rota.Crawler.Crawling;
using Rota.Crawler.Fetching;
using Rota.Crawler.Sources;
using Rota.Storage;
using Rota.TestSupport;
using static Microsoft.Playwright.Assertions;

namespace Rota.Dashboard.Tests;

/// <summary>The source page's crawl schedule card: the mode, why the next crawl is when it is, and the learned weekly
/// profile as a server-rendered SVG heat strip.</summary>
[Collection(DashboardCollection.Name)]
public sealed class SourceScheduleTests(DashboardServer server)
{
    /// <summary>Posts every weekday at 09:10 UTC over the last four weeks (by the real clock, which the server uses).</summary>
    private static string WeekdayRss()
    {
        var sb = new StringBuilder("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Weekday mornings</title>");
        var today = TimeProvider.System.GetUtcNow().UtcDateTime.Date;
        for (var d = 1; d <= 28; d++)
        {
            var at = new DateTimeOffset(today.AddDays(-d).AddHours(9).AddMinutes(10), TimeSpan.Zero);
            if (at.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday) continue;
            sb.Append(CultureInfo.InvariantCulture, $"<item><guid>wd{d}</guid><title>Post {d}</title><pubDate>{at:R}</pubDate></item>");
        }
        return sb.Append("</channel></rss>").ToString();
    }

    [Fact]
    public async Task SourcePage_PredictiveSource_ShowsModeReasonAndWeeklyHeatStrip()
    {
        await using var feeds = await LoopbackHttpServer.StartAsync();
        feeds.MapText("/weekday.xml", 200, WeekdayRss(), "application/rss+xml");
        var options = server.Services.GetRequiredService<CrawlerOptions>();
        var fetcher = server.Services.GetRequiredService<FeedFetcher>();
        var source = (await new SourceRegistrar(server.Store, fetcher, options, TimeProvider.System).AddAsync(feeds.Url("/weekday.xml"), SourceKind.Feed, null, "alice")).Source;
        await new SourceCrawler(server.Store, fetcher, options, TimeProvider.System).CrawlAsync(new CrawlRequest { SourceId = source.Id });
        var row = (await server.Store.SourceGet(new SourceGetParams(source.Id)))!;
        await new Rota.Crawler.Scheduling.SourceSchedules(server.Store, options, TimeProvider.System).SetAsync(row, Rota.Crawler.Scheduling.CrawlScheduleMode.Predictive, null);

        var (context, page) = await server.SignedInAsync("alice");
        await using var session = context;
        await page.GotoAsync($"/sources/{source.Id}");

        await Expect(page.Locator("[data-schedule-mode]")).ToHaveTextAsync("predictive");
        await Expect(page.Locator("[data-schedule-reason]")).ToContainTextAsync("posts mostly Mon–Fri 09:00–10:00 UTC");
        await Expect(page.Locator("figure.heat svg rect.heat-cell")).ToHaveCountAsync(168);
        // Monday 09:00 is the 10th cell of the first row and among the darkest.
        var monday9 = double.Parse((await page.Locator("figure.heat svg rect.heat-cell").Nth(9).GetAttributeAsync("fill-opacity"))!, CultureInfo.InvariantCulture);
        var monday3 = double.Parse((await page.Locator("figure.heat svg rect.heat-cell").Nth(3).GetAttributeAsync("fill-opacity"))!, CultureInfo.InvariantCulture);
        Assert.True(monday9 > 0.9 && monday3 < 0.2, $"Mon 09:00 {monday9}, Mon 03:00 {monday3}");
    }
}
