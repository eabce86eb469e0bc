using System.Net;
using Rota.Crawler.Crawling;
using Rota.TestSupport;

namespace Rota.Server.Tests;

/// <summary><c>/api/v1/sources/{id}/schedule</c> against a real feed: the shape, setting each mode, and owner scoping.</summary>
public sealed class SourceScheduleRouteTests
{
    private const string Rss = """
        <?xml version="1.0"?><rss version="2.0"><channel><title>Loopback</title><link>http://example.com/</link>
        <item><title>One</title><link>http://example.com/1</link><guid>1</guid><pubDate>Mon, 02 Feb 2026 09:00:00 GMT</pubDate></item>
        <item><title>Two</title><link>http://example.com/2</link><guid>2</guid><pubDate>Tue, 03 Feb 2026 09:00:00 GMT</pubDate></item>
        </channel></rss>
        """;

    [Fact]
    public async Task Schedule_ReadSetFixedThenDefault_ScopedToTheOwner()
    {
        await using var feeds = await LoopbackHttpServer.StartAsync();
        feeds.MapText("/feed.xml", 200, Rss, "application/rss+xml");
        await using var s = await TestServer.StartAsync(crawler: new CrawlerOptions { AllowLoopback = true });
        var source = await (await s.Alice.PostJsonAsync("/api/v1/sources", $$"""{"input":"{{feeds.Url("/feed.xml")}}","kind":"feed"}""")).JsonAsync(HttpStatusCode.Created);
        var id = source.GetProperty("id").GetInt64();
        await (await s.Alice.PostJsonAsync($"/api/v1/sources/{id}/crawl")).JsonAsync(HttpStatusCode.OK);

        var schedule = await s.Alice.GetJsonAsync($"/api/v1/sources/{id}/schedule");
        JsonShape.Assert(schedule, "schedule", ("source_id", "number"), ("mode", "string"), ("source_mode", "null"), ("default_mode", "string"),
            ("next_crawl_at", "string|null"), ("last_crawled_at", "string|null"), ("poll_interval_seconds", "number"), ("reason", "string|null"), ("model", "object"));
        Assert.Equal(("adaptive", "adaptive"), (schedule.GetProperty("mode").GetString(), schedule.GetProperty("default_mode").GetString()));
        Assert.Equal("2 new item(s): interval halved to 30m", schedule.GetProperty("reason").GetString());
        var model = schedule.GetProperty("model");
        JsonShape.Assert(model, "model", ("state", "string"), ("items_in_window", "number"), ("min_items", "number"), ("threshold", "number"),
            ("half_life_seconds", "number"), ("window_seconds", "number"), ("items_per_week", "null"), ("expected_next24h", "null"), ("summary", "null"), ("weekly", "null"));
        Assert.Equal("learning", model.GetProperty("state").GetString());

        var set = await (await s.Alice.SendAsync(HttpMethod.Put, $"/api/v1/sources/{id}/schedule", """{"mode":"fixed","interval":"2h"}""")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(("fixed", "fixed", 7200, "fixed interval 2h"), (set.GetProperty("mode").GetString(), set.GetProperty("source_mode").GetString(),
            set.GetProperty("poll_interval_seconds").GetInt32(), set.GetProperty("reason").GetString()));
        var row = await s.Alice.GetJsonAsync($"/api/v1/sources/{id}");
        Assert.Equal("fixed", row.GetProperty("metadata").GetProperty("schedule").GetString());
        Assert.Equal(set.GetProperty("last_crawled_at").GetDateTimeOffset().AddHours(2), row.GetProperty("next_crawl_at").GetDateTimeOffset());

        await (await s.Bob.GetAsync($"/api/v1/sources/{id}/schedule", Http.Ct)).ProblemAsync(404, "source.not_found");
        await (await s.Bob.SendAsync(HttpMethod.Put, $"/api/v1/sources/{id}/schedule", """{"mode":"adaptive"}""")).ProblemAsync(404, "source.not_found");
        var byAdmin = await (await s.Admin.SendAsync(HttpMethod.Put, $"/api/v1/sources/{id}/schedule", """{"mode":"default"}""")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(("adaptive", null), (byAdmin.GetProperty("mode").GetString(), byAdmin.GetProperty("source_mode").GetString()));
    }
}
