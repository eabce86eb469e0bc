using System.Net;
using Rota.Crawler.Crawling;
using Rota.TestSupport;

namespace Rota.Server.Tests;

/// <summary>Crawl rules through the API: set on add, PATCH and PUT, shown in the source, refused with every error
/// listed, applied by a crawl; item quality in the item JSON and the <c>min_quality</c> filter.</summary>
public sealed class SourceRulesEndpointTests
{
    private const string Rss = """
        <?xml version="1.0"?><rss version="2.0"><channel><title>Loopback</title><link>http://example.com/</link>
        <item><title>Sponsored: a deal</title><link>http://example.com/1?utm_source=x</link><guid>1</guid><description>buy</description></item>
        <item><title>A proper article title</title><link>http://example.com/2?utm_source=x&amp;p=2</link><guid>2</guid><author>ada@example.com (Ada)</author>
          <description>A longer description that says something useful about the article itself.</description></item>
        <item><title>WOW!!</title><link>http://example.com/3</link><guid>3</guid></item>
        </channel></rss>
        """;

    [Fact]
    public async Task Rules_SetOnAddPatchedAndPut_AppliedByACrawl_AndItemsCarryQuality()
    {
        await using var feeds = await LoopbackHttpServer.StartAsync();
        feeds.MapText("/feed.xml", 200, Rss, "application/rss+xml");
        await using var s = await TestServer.StartAsync(crawler: new CrawlerOptions { AllowLoopback = true });
        var added = await (await s.Alice.PostJsonAsync("/api/v1/sources", $$$"""
            {"input":"{{{feeds.Url("/feed.xml")}}}","kind":"feed","rules":{"block":[{"field":"title","contains":"sponsored"}]}}
            """)).JsonAsync(HttpStatusCode.Created);
        var id = added.Long("id");
        Assert.Equal("sponsored", added.GetProperty("rules").GetProperty("block")[0].Str("contains"));

        var patched = await (await s.Alice.SendAsync(HttpMethod.Patch, $"/api/v1/sources/{id}", """
            {"name":"Renamed","rules":{"block":[{"field":"title","contains":"sponsored"}],"rewrite":{"strip_params":["utm_*"]}}}
            """)).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("Renamed", patched.Str("name"));
        Assert.Equal("utm_*", patched.GetProperty("rules").GetProperty("rewrite").GetProperty("strip_params")[0].GetString());
        var shown = await s.Alice.GetJsonAsync($"/api/v1/sources/{id}");
        Assert.Equal("Renamed", shown.Str("name"));
        Assert.Equal(System.Text.Json.JsonValueKind.Object, shown.GetProperty("rules").ValueKind);

        var crawl = await (await s.Alice.PostJsonAsync($"/api/v1/sources/{id}/crawl")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal((2, 1), (crawl.GetProperty("items_new").GetInt32(), crawl.GetProperty("items_filtered").GetInt32()));
        Assert.Equal(1, crawl.GetProperty("results")[0].GetProperty("rules").GetProperty("blocked").GetInt32());

        var items = (await s.Alice.GetJsonAsync($"/api/v1/sources/{id}/items")).GetProperty("items");
        Assert.Equal(2, items.GetArrayLength());
        var proper = items.EnumerateArray().Single(i => i.Str("title") == "A proper article title");
        Assert.Equal("http://example.com/2?p=2", proper.Str("url"));
        var quality = proper.GetProperty("quality").GetInt32();
        Assert.InRange(quality, 1, 100);
        Assert.Equal(15, proper.GetProperty("quality_signals").GetProperty("title").GetInt32());
        var wow = items.EnumerateArray().Single(i => i.Str("title") == "WOW!!").GetProperty("quality").GetInt32();
        Assert.True(wow < quality, $"{wow} < {quality}");
        var good = (await s.Alice.GetJsonAsync($"/api/v1/sources/{id}/items?min_quality={quality}")).GetProperty("items");
        Assert.Equal("A proper article title", Assert.Single(good.EnumerateArray()).Str("title"));

        var cleared = await (await s.Alice.SendAsync(HttpMethod.Put, $"/api/v1/sources/{id}/rules", "{}")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, cleared.GetProperty("rules").ValueKind);
        var put = await (await s.Alice.SendAsync(HttpMethod.Put, $"/api/v1/sources/{id}/rules", """{"min_quality":30}""")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(30, put.GetProperty("rules").GetProperty("min_quality").GetInt32());
        var patchedName = await (await s.Alice.SendAsync(HttpMethod.Patch, $"/api/v1/sources/{id}", """{"name":"Again"}""")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(30, patchedName.GetProperty("rules").GetProperty("min_quality").GetInt32());
    }

    [Fact]
    public async Task Rules_Invalid_RefusedWithEveryErrorListed_AndNothingAdded()
    {
        await using var s = await TestServer.StartAsync();
        var before = await s.SnapshotAsync();
        using var r = await s.Alice.PostJsonAsync("/api/v1/sources", """
            {"input":"https://a.example/feed","rules":{"max_items":0,"block":[{"field":"nope","regex":"("}],"headers":{"Connection":"close"},"colour":1}}
            """);
        var problem = await r.ProblemAsync(422, "source.invalid_rules");
        var fields = problem.GetProperty("errors").EnumerateArray().Select(e => e.Str("field")).ToHashSet();
        Assert.Superset(new HashSet<string> { "rules.max_items", "rules.block[0].field", "rules.block[0].regex", "rules.headers.Connection", "rules.colour" }, fields);
        Assert.Equal("(", problem.GetProperty("errors").EnumerateArray().Single(e => e.Str("field") == "rules.block[0].regex").Str("value"));
        Assert.Equal(before, await s.SnapshotAsync());
    }
}
