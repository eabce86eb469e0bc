using System.Net;
using Rota.Crawler.Crawling;
using Rota.TestSupport;

namespace Rota.Server.Tests;

/// <summary>Seed 001's crawl routes against a real feed on a loopback server: exactly the documented fields, scoped to
/// the caller, and a failing source reported as such.</summary>
public sealed class CrawlRouteShapeTests
{
    private const string Rss = """
        <?xml version="1.0"?><rss version="2.0"><channel><title>Loopback</title><link>http://example.com/</link>
        <item><title>One</title><link>http://example.com/1</link><guid>1</guid></item>
        <item><title>Two</title><link>http://example.com/2</link><guid>2</guid></item>
        </channel></rss>
        """;

    private static readonly (string, string)[] Log =
    [
        ("id", "number"), ("source_id", "number|null"), ("run_id", "number|null"), ("crawl_type", "string"), ("status", "string"),
        ("items_fetched", "number"), ("items_new", "number"), ("error_message", "string|null"), ("error_details", "object|null"),
        ("duration_ms", "number|null"), ("started_at", "string"), ("completed_at", "string|null"), ("metadata", "object|null"),
    ];

    [Fact]
    public async Task CrawlRoutes_OneGoodOneFailingSource_ReturnSeedFieldsForTheCallerOnly()
    {
        await using var feeds = await LoopbackHttpServer.StartAsync();
        feeds.MapText("/feed.xml", 200, Rss, "application/rss+xml");
        feeds.MapText("/broken.xml", 500, "down");
        await using var s = await TestServer.StartAsync(crawler: new CrawlerOptions { AllowLoopback = true });
        var good = await (await s.Alice.PostJsonAsync("/api/v1/sources", $$"""{"input":"{{feeds.Url("/feed.xml")}}","kind":"feed","name":"Loopback RSS"}""")).JsonAsync(HttpStatusCode.Created);
        await (await s.Alice.PostJsonAsync("/api/v1/sources", $$"""{"input":"{{feeds.Url("/broken.xml")}}","kind":"feed"}""")).JsonAsync(HttpStatusCode.Created);
        await (await s.Bob.PostJsonAsync("/api/v1/sources", $$"""{"input":"{{feeds.Url("/feed.xml")}}","kind":"feed"}""")).JsonAsync(HttpStatusCode.Created);

        var trigger = await (await s.Alice.PostJsonAsync("/api/v1/crawl/trigger")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("Manual crawl completed", trigger.GetProperty("message").GetString());
        Assert.Equal(2, trigger.GetProperty("sources_crawled").GetInt32());
        Assert.Equal(1, trigger.GetProperty("successful").GetInt32());
        Assert.Equal(1, trigger.GetProperty("failed").GetInt32());
        foreach (var name in new[] { "message", "sources_crawled", "successful", "failed", "results" }) Assert.True(trigger.TryGetProperty(name, out _), name);
        Assert.Equal(2, trigger.GetProperty("results").GetArrayLength());

        var logs = await s.Alice.GetJsonAsync("/api/v1/crawl/logs");
        JsonShape.Assert(logs, "logs", ("logs", "array"), ("count", "number"));
        Assert.Equal(2, logs.GetProperty("count").GetInt32());
        JsonShape.Assert(logs.GetProperty("logs")[0], "logs[0]", Log);
        var onlyGood = await s.Alice.GetJsonAsync($"/api/v1/crawl/logs?source_id={good.GetProperty("id").GetInt64()}&status=success&limit=10");
        Assert.Equal(1, onlyGood.GetProperty("count").GetInt32());
        Assert.Equal(2, onlyGood.GetProperty("logs")[0].GetProperty("items_new").GetInt32());

        var stats = await s.Alice.GetJsonAsync("/api/v1/crawl/stats");
        JsonShape.Assert(stats, "stats", ("total_crawls", "number"), ("successful", "number"), ("failed", "number"), ("partial", "number"),
            ("total_items_fetched", "number"), ("total_items_new", "number"), ("last_crawl_at", "string|null"), ("avg_duration_ms", "number"), ("success_rate", "number"));
        Assert.Equal(2, stats.GetProperty("total_crawls").GetInt32());
        Assert.Equal(50.0, stats.GetProperty("success_rate").GetDouble());

        var status = await s.Alice.GetJsonAsync("/api/v1/crawl/status");
        JsonShape.Assert(status, "status", ("sources", "array"), ("total", "number"), ("active", "number"), ("error", "number"));
        Assert.Equal((2, 1, 1), (status.GetProperty("total").GetInt32(), status.GetProperty("active").GetInt32(), status.GetProperty("error").GetInt32()));
        foreach (var source in status.GetProperty("sources").EnumerateArray())
        {
            JsonShape.Assert(source, "source", ("id", "number"), ("name", "string"), ("type", "string"), ("status", "string"), ("last_crawled_at", "string|null"),
                ("error_message", "string|null"), ("latest_crawl", "object|null"));
            Assert.Equal("rss", source.GetProperty("type").GetString());
            JsonShape.Assert(source.GetProperty("latest_crawl"), "latest_crawl", Log);
        }

        var items = await s.Alice.GetJsonAsync($"/api/v1/sources/{good.GetProperty("id").GetInt64()}/items");
        Assert.Equal(2, items.GetProperty("items").GetArrayLength());
        var bobs = await s.Bob.GetJsonAsync("/api/v1/crawl/status");
        Assert.Equal(1, bobs.GetProperty("total").GetInt32());
        Assert.Equal("pending", bobs.GetProperty("sources")[0].GetProperty("status").GetString());
        Assert.Equal(0, (await s.Bob.GetJsonAsync("/api/v1/crawl/logs")).GetProperty("count").GetInt32());
        await (await s.Bob.GetAsync($"/api/v1/sources/{good.GetProperty("id").GetInt64()}/items", Http.Ct)).ProblemAsync(404, "source.not_found");
    }
}
