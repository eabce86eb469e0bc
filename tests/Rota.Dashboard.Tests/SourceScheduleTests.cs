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
        // Row d, hour h is cell d × 24 + h (Monday first). Recent posts weigh more, so which weekday is darkest depends
        // on today's weekday: every weekday's 09:00 is dark and far darker than its 03:00, the darkest is a weekday's
        // 09:00, and Saturday's 09:00 (smoothed toward the hour of day, so not blank) stays lighter than that.
        var cells = page.Locator("figure.heat svg rect.heat-cell");
        async Task<double> Opacity(int day, int hour) =>
            double.Parse((await cells.Nth(day * 24 + hour).GetAttributeAsync("fill-opacity"))!, CultureInfo.InvariantCulture);
        var nine = new List<double>();
        for (var d = 0; d < 5; d++)
        {
            var (at9, at3) = (await Opacity(d, 9), await Opacity(d, 3));
            Assert.True(at9 > 0.5 && at3 < 0.2, $"day {d}: 09:00 {at9}, 03:00 {at3}");
            nine.Add(at9);
        }
        Assert.True(nine.Max() > 0.9, $"weekday 09:00 values {string.Join(", ", nine)}");
        var saturday9 = await Opacity(5, 9);
        Assert.True(saturday9 < nine.Max() * 0.9, $"Saturday 09:00 {saturday9}, weekday 09:00 at most {nine.Max()}");
    }
}
