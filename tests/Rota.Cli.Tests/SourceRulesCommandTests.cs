using System.Text.Json.Nodes;
using Rota.TestSupport;

namespace Rota.Cli.Tests;

/// <summary><c>source add --rules</c>, <c>source rules</c> and <c>source items --min-quality</c> on the local store and
/// through the server.</summary>
public sealed class SourceRulesCommandTests(ServedRota served) : IClassFixture<ServedRota>
{
    private const string Rss = "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Blog</title>" +
        "<item><guid>1</guid><title>Sponsored post</title><description>buy</description></item>" +
        "<item><guid>2</guid><title>A proper article title</title><author>a@example.com (Ada)</author><description>A body that says something.</description></item>" +
        "<item><guid>3</guid><title>OMG!!</title></item></channel></rss>";

    private const string Block = """{"block":[{"field":"title","contains":"sponsored"}]}""";

    [Fact]
    public async Task Local_AddWithRules_ShowSetClear_CrawlAndItemsByQuality()
    {
        await using var feeds = await LoopbackHttpServer.StartAsync();
        feeds.MapText("/feed", 200, Rss, "application/rss+xml");
        using var cli = new CliRunner();
        var added = await cli.Run("source", "add", feeds.Url("/feed"), "--kind", "feed", "--rules", Block, "--json");
        Assert.Equal(0, added.Exit);

        var shown = await cli.Run("source", "rules", "1");
        Assert.Contains("\"contains\": \"sponsored\"", shown.Out, StringComparison.Ordinal);
        var crawl = JsonNode.Parse((await cli.Run("source", "crawl", "1", "--allow-loopback", "--json")).Out)!;
        Assert.Equal((2, 1), (crawl["items_new"]!.GetValue<int>(), crawl["items_filtered"]!.GetValue<int>()));
        Assert.Equal(1, crawl["results"]![0]!["rules"]!["blocked"]!.GetValue<int>());

        var items = JsonNode.Parse((await cli.Run("source", "items", "1", "--json")).Out)!["items"]!.AsArray();
        Assert.Equal(2, items.Count);
        var best = items.Max(i => i!["quality"]!.GetValue<int>());
        var top = JsonNode.Parse((await cli.Run("source", "items", "1", "--min-quality", best.ToString(System.Globalization.CultureInfo.InvariantCulture), "--json")).Out)!;
        Assert.Equal("A proper article title", Assert.Single(top["items"]!.AsArray())!["title"]!.GetValue<string>());
        Assert.Contains("A proper article title", (await cli.Run("source", "items", "1")).Out, StringComparison.Ordinal);

        var file = cli.Write("rules.json", """{"min_quality":50,"max_items":10}""");
        var set = JsonNode.Parse((await cli.Run("source", "rules", "1", "--set", "@" + file, "--json")).Out)!;
        Assert.Equal(50, set["rules"]!["min_quality"]!.GetValue<int>());
        Assert.Contains("no crawl rules", (await cli.Run("source", "rules", "1", "--clear")).Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Local_InvalidRules_ListEveryErrorAndExit4()
    {
        using var cli = new CliRunner();
        await cli.Run("source", "add", "https://example.com/feed.xml");
        var bad = await cli.Run("source", "rules", "1", "--set", """{"max_items":0,"block":[{"field":"title","regex":"("}],"headers":{"Host":"x"}}""");
        Assert.Equal(4, bad.Exit);
        foreach (var field in new[] { "rules.max_items", "rules.block[0].regex", "rules.headers.Host" }) Assert.Contains(field, bad.Err, StringComparison.Ordinal);
        var notJson = await cli.Run("source", "add", "https://example.com/other.xml", "--rules", "{nope");
        Assert.Equal(4, notJson.Exit);
        Assert.Contains("not valid JSON", notJson.Err, StringComparison.Ordinal);
        Assert.Equal(1, JsonNode.Parse((await cli.Run("source", "list", "--json")).Out)!["total"]!.GetValue<int>());
        Assert.Equal(2, (await cli.Run("source", "items", "1", "--min-quality", "101")).Exit);
        Assert.Equal(3, (await cli.Run("source", "rules", "99")).Exit);
    }

    [Fact]
    public async Task Remote_AddWithRules_SetAndItems_ThroughTheServer()
    {
        await using var feeds = await LoopbackHttpServer.StartAsync();
        feeds.MapText("/rules-feed", 200, Rss, "application/rss+xml");
        using var cli = new CliRunner();
        var added = await cli.Exec(served.Remote(null, "source", "add", feeds.Url("/rules-feed"), "--kind", "feed", "--rules", Block, "--json"));
        Assert.True(added.Exit == 0, added.Err);
        var id = JsonNode.Parse(added.Out)!["source"]!["id"]!.GetValue<long>().ToString(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains("sponsored", (await cli.Exec(served.Remote(null, "source", "rules", id))).Out, StringComparison.Ordinal);
        Assert.Equal(0, (await cli.Exec(served.Remote(null, "source", "crawl", id))).Exit);
        var items = JsonNode.Parse((await cli.Exec(served.Remote(null, "source", "items", id, "--json"))).Out)!["items"]!.AsArray();
        Assert.Equal(2, items.Count);
        Assert.All(items, i => Assert.NotNull(i!["quality"]));

        var bad = await cli.Exec(served.Remote(null, "source", "rules", id, "--set", """{"min_quality":300}"""));
        Assert.Equal(4, bad.Exit);
        Assert.Contains("rules.min_quality", bad.Err, StringComparison.Ordinal);
        var set = JsonNode.Parse((await cli.Exec(served.Remote(null, "source", "rules", id, "--set", """{"keep":[{"field":"any","contains":"article"}]}""", "--json"))).Out)!;
        Assert.Equal("article", set["rules"]!["keep"]![0]!["contains"]!.GetValue<string>());
    }
}
