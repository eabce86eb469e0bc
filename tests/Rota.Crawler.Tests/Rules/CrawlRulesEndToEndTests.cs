using System.Text.Json.Nodes;
using Rota.Crawler.Tests.Crawling;
using Rota.Storage;

namespace Rota.Crawler.Tests.Rules;

/// <summary>A source with every kind of crawl rule, crawled twice from a loopback feed server, on SQLite and PostgreSQL.</summary>
public sealed class CrawlRulesEndToEndTests
{
    private static readonly string LongText = string.Join(' ', Enumerable.Repeat("Rota crawls feeds and stores what it finds, politely and safely.", 30));

    private static string Feed(string baseUrl) => $"""
        <?xml version="1.0" encoding="utf-8"?>
        <rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>Blog</title><link>{baseUrl}</link>
        <item><guid isPermaLink="false">g1</guid><title>[Blog] Release 1.0 is out</title><link>{baseUrl}post/1?utm_source=feed&amp;utm_medium=rss&amp;id=1</link>
          <dc:creator>Ada</dc:creator><description>Short summary of the release</description><pubDate>Thu, 01 Jan 2026 00:00:00 GMT</pubDate><category>dotnet</category></item>
        <item><guid isPermaLink="false">g2</guid><title>Sponsored: buy our course</title><link>{baseUrl}post/2</link><category>dotnet</category></item>
        <item><guid isPermaLink="false">g3</guid><title>Gardening tips for the weekend</title><link>{baseUrl}post/3</link><category>misc</category></item>
        <item><guid isPermaLink="false">g4</guid><title>YOU WON'T BELIEVE THIS!!</title><link>{baseUrl}nopage/4</link><category>dotnet</category></item>
        <item><guid isPermaLink="false">g5</guid><title>Past the item limit</title><link>{baseUrl}post/5</link><category>dotnet</category></item>
        </channel></rss>
        """;

    private const string Page = """
        <html><head><title>Release</title></head><body><nav>Home | About</nav>
        <div class="post"><h1>Release 1.0</h1><p>{0}</p><img src="/img/hero.png" alt="hero"><script>alert(1)</script></div>
        <footer>© Blog</footer></body></html>
        """;

    private static readonly JsonObject Rules = (JsonObject)JsonNode.Parse("""
        {
          "max_items": 4,
          "block": [{ "field": "title", "contains": "SPONSORED" }],
          "keep": [{ "field": "tags", "regex": "^(dotnet|csharp)$" }],
          "rewrite": { "strip_params": ["utm_*", "fbclid"], "title": [{ "regex": "^\\[Blog\\]\\s*", "replace": "" }] },
          "min_quality": 40,
          "user_agent": "RotaTest/1.0",
          "headers": { "Cookie": "session=abc" },
          "full_content": true,
          "selector": "div.post"
        }
        """)!;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Crawl_WithEveryRule_StoresOnlyWhatTheRulesLet_AndLogsWhatEachHeldBack(bool postgres)
    {
        await using var bed = await CrawlTestBed.CreateAsync(postgres: postgres);
        bed.Server.MapText("/feed", 200, Feed(bed.Server.Url("/")), Crawling.TestFeeds.RssType);
        bed.Server.MapText("/post/1", 200, string.Format(System.Globalization.CultureInfo.InvariantCulture, Page, LongText), "text/html; charset=utf-8");
        var source = await bed.AddAsync("/feed");
        await bed.Store.SourceSetRules(new SourceSetRulesParams(source.Id, Rules, CrawlTestBed.Start));

        var result = await bed.CrawlOneAsync(source.Id);

        Assert.Equal((CrawlLogValues.Success, 5, 1), (result.Status, result.ItemsFetched, result.ItemsNew));
        var item = Assert.Single(await bed.Store.ItemList(new ItemListParams(source.Id)));
        Assert.Equal("Release 1.0 is out", item.Title);
        Assert.Equal(bed.Server.Url("/post/1?id=1"), item.Url);
        Assert.Contains(LongText[..60], item.Content, StringComparison.Ordinal);
        Assert.Contains("<img", item.Content, StringComparison.Ordinal);
        Assert.DoesNotContain("script", item.Content, StringComparison.Ordinal);
        Assert.DoesNotContain("Home | About", item.Content, StringComparison.Ordinal);
        Assert.Equal(100, item.Quality);
        Assert.Equal(35, item.QualitySignals!["text_length"]!.GetValue<int>());
        Assert.Equal(0, item.QualitySignals!["clickbait_title"]!.GetValue<int>());

        // The feed and the page were asked for with the source's agent and cookie.
        var feedRequest = bed.Server.Requests.First(r => r.PathAndQuery == "/feed");
        var pageRequest = Assert.Single(bed.Server.Requests, r => r.PathAndQuery.StartsWith("/post/1", StringComparison.Ordinal));
        Assert.Equal(("RotaTest/1.0", "session=abc"), (feedRequest.Header("User-Agent"), feedRequest.Header("Cookie")));
        Assert.Equal(("RotaTest/1.0", "session=abc", "/post/1?id=1"), (pageRequest.Header("User-Agent"), pageRequest.Header("Cookie"), pageRequest.PathAndQuery));

        // g5 past max_items, g2 blocked, g3 kept out, g4 (clickbait, no page) under min_quality.
        var expected = new JsonObject
        {
            ["truncated"] = 1, ["blocked"] = 1, ["kept_out"] = 1, ["below_quality"] = 1, ["rewritten"] = 1,
            ["full_content_fetched"] = 1, ["full_content_failed"] = 1,
        };
        Assert.Equal(4, result.Rules.Filtered);
        var log = Assert.Single(await bed.Store.CrawlLogList(new CrawlLogListParams(SourceId: source.Id)));
        Assert.True(JsonNode.DeepEquals(expected, log.Metadata!["rules"]), log.Metadata!["rules"]!.ToJsonString());
        Assert.Equal(4, result.ToJson()["items_filtered"]!.GetValue<int>());

        // Second crawl: the stored item is not fetched again and keeps its full content.
        bed.Time.Advance(TimeSpan.FromHours(1));
        var second = await bed.CrawlOneAsync(source.Id);
        Assert.Equal(0, second.ItemsNew);
        Assert.Single(bed.Server.Requests, r => r.PathAndQuery.StartsWith("/post/1", StringComparison.Ordinal));
        Assert.Contains(LongText[..60], (await bed.Store.ItemGet(item.Id))!.Content, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Crawl_WithoutRules_ScoresEveryItem_AndPenalisesANearDuplicateTitle(bool postgres)
    {
        await using var bed = await CrawlTestBed.CreateAsync(postgres: postgres);
        bed.Server.MapText("/feed", 200, Crawling.TestFeeds.Rss("a", "b"), Crawling.TestFeeds.RssType);
        var source = await bed.AddAsync("/feed");
        await bed.CrawlOneAsync(source.Id);
        bed.Server.MapText("/feed", 200, Crawling.TestFeeds.Rss("a", "b").Replace("<guid isPermaLink=\"false\">b</guid><title>Title b</title>",
            "<guid isPermaLink=\"false\">b</guid><title>Title b</title></item><item><guid isPermaLink=\"false\">c</guid><title>title A!</title>", StringComparison.Ordinal), Crawling.TestFeeds.RssType);
        bed.Time.Advance(TimeSpan.FromHours(1));

        var second = await bed.CrawlOneAsync(source.Id);

        Assert.Equal(1, second.ItemsNew);
        var items = (await bed.Store.ItemList(new ItemListParams(source.Id))).ToDictionary(i => i.Title!);
        // "Title a": title 15 (7 chars is short: 5), summary only "About a" (text 5, distinct 5), date 5, link density 15.
        Assert.Equal(5 + 5 + 5 + 15 + 5, items["Title a"].Quality);
        Assert.Equal(-25, items["title A!"].QualitySignals!["near_duplicate_title"]!.GetValue<int>());
        Assert.Equal(0, items["Title a"].QualitySignals!["near_duplicate_title"]!.GetValue<int>());
        Assert.Empty(await bed.Store.ItemList(new ItemListParams(source.Id, MinQuality: 100)));
    }
}
