using System.Globalization;
using System.Text.Json.Nodes;
using Rota.TestSupport;

namespace Rota.Cli.Tests;

/// <summary>The source and crawl commands with <c>--server URL --token T</c> against a served instance that allows loopback
/// feeds (<c>ROTA_CRAWLER_ALLOW_LOOPBACK=true</c>).</summary>
public sealed class RemoteSourceTests(ServedRota served) : IClassFixture<ServedRota>
{
    private const string Rss = "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Blog</title>" +
        "<item><guid>1</guid><title>One</title></item><item><guid>2</guid><title>Two</title></item></channel></rss>";

    private static JsonNode Json(string text) => JsonNode.Parse(text)!;

    [Fact]
    public async Task SourceAddListCrawl_AndCrawlLogsStatsStatus_ThroughTheServer()
    {
        await using var feeds = await LoopbackHttpServer.StartAsync();
        feeds.MapText("/ok", 200, Rss, "application/rss+xml");
        feeds.MapText("/gone", 410, "gone");
        using var cli = new CliRunner();

        var added = await cli.Exec(served.Remote(null, "source", "add", feeds.Url("/ok"), "--kind", "feed", "--json"));
        Assert.True(added.Exit == 0, added.Err);
        Assert.True(Json(added.Out)["created"]!.GetValue<bool>());
        var id = Json(added.Out)["source"]!["id"]!.GetValue<long>();
        var again = await cli.Exec(served.Remote(null, "source", "add", feeds.Url("/ok"), "--kind", "feed"));
        Assert.Contains("already exists", again.Out, StringComparison.Ordinal);
        Assert.Equal(0, (await cli.Exec(served.Remote(null, "source", "add", feeds.Url("/gone"), "--kind", "feed"))).Exit);

        var list = Json((await cli.Exec(served.Remote(null, "source", "list", "--json"))).Out);
        Assert.Equal(2, list["total"]!.GetValue<int>());
        Assert.Contains("pending", (await cli.Exec(served.Remote(null, "source", "list"))).Out, StringComparison.Ordinal);

        var one = await cli.Exec(served.Remote(null, "source", "crawl", Id(id), "--json"));
        Assert.True(one.Exit == 0, one.Err);
        var summary = Json(one.Out);
        Assert.Equal((1, 1, 2, 2), (summary["sources_crawled"]!.GetValue<int>(), summary["successful"]!.GetValue<int>(),
            summary["items_fetched"]!.GetValue<int>(), summary["items_new"]!.GetValue<int>()));
        Assert.Null(summary["message"]);

        var all = await cli.Exec(served.Remote(null, "source", "crawl"));
        Assert.True(all.Exit == 0, all.Err);
        Assert.Contains("2 source(s) crawled — 1 successful, 1 failed, 0 partial; 2 item(s) fetched, 0 new", all.Out, StringComparison.Ordinal);

        var logs = Json((await cli.Exec(served.Remote(null, "crawl", "logs", "--json"))).Out);
        Assert.Equal(3, logs["count"]!.GetValue<int>());
        var failed = Json((await cli.Exec(served.Remote(null, "crawl", "logs", "--status", "failed", "--json"))).Out)["logs"]!.AsArray();
        Assert.Equal("manual", Assert.Single(failed)!["crawl_type"]!.GetValue<string>());

        var stats = Json((await cli.Exec(served.Remote(null, "crawl", "stats", "--json"))).Out);
        Assert.Equal((3L, 2L, 1L), (stats["total_crawls"]!.GetValue<long>(), stats["successful"]!.GetValue<long>(), stats["failed"]!.GetValue<long>()));
        Assert.Contains("Success rate", (await cli.Exec(served.Remote(null, "crawl", "stats"))).Out, StringComparison.Ordinal);

        var status = Json((await cli.Exec(served.Remote(null, "crawl", "status", "--json"))).Out);
        Assert.Equal(2, status["total"]!.GetValue<int>());
        var ok = status["sources"]!.AsArray().Single(s => s!["id"]!.GetValue<long>() == id)!;
        Assert.Equal(("rss", "active", "success"), (ok["type"]!.GetValue<string>(), ok["status"]!.GetValue<string>(), ok["latest_crawl"]!["status"]!.GetValue<string>()));
        Assert.Contains("2 source(s), 1 active", (await cli.Exec(served.Remote(null, "crawl", "status"))).Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnotherUsersSource_IsNotFound_AndOwnSourceDeletes()
    {
        using var cli = new CliRunner();
        var added = await cli.Exec(served.Remote(null, "source", "add", "https://example.com/admin-only.xml", "--kind", "feed", "--json"));
        Assert.True(added.Exit == 0, added.Err);
        var id = Id(Json(added.Out)["source"]!["id"]!.GetValue<long>());
        Assert.Equal(0, (await cli.Exec(served.Remote(null, "user", "create", "src-dave"))).Exit);
        var dave = Json((await cli.Exec(served.Remote(null, "token", "create", "--user", "src-dave", "--json"))).Out)["token"]!.GetValue<string>();

        foreach (var args in new[] { new[] { "source", "crawl", id }, ["source", "delete", id] })
        {
            var refused = await cli.Exec(served.Remote(dave, args));
            Assert.Equal(3, refused.Exit);
            Assert.Contains("error[source.not_found]", refused.Err, StringComparison.Ordinal);
        }
        Assert.Equal(0, Json((await cli.Exec(served.Remote(dave, "source", "list", "--json"))).Out)["total"]!.GetValue<int>());

        Assert.Equal(0, (await cli.Exec(served.Remote(null, "source", "delete", id))).Exit);
        Assert.Equal(3, (await cli.Exec(served.Remote(null, "source", "delete", id))).Exit);
    }

    [Fact]
    public async Task LocalOnlyCommandsAndOptions_WithServer_AreUsageErrors()
    {
        using var cli = new CliRunner();
        var opml = Path.Combine(served.Dir, "subs.opml");
        File.WriteAllText(opml, "<opml version=\"2.0\"><body/></opml>");
        foreach (var args in new[] { new[] { "source", "import-opml", opml }, ["source", "export-opml"], ["source", "crawl", "--due"], ["crawl", "logs", "--owner", "x"] })
        {
            var result = await cli.Exec(served.Remote(null, args));
            Assert.Equal(2, result.Exit);
            Assert.Contains("error[cli.usage]", result.Err, StringComparison.Ordinal);
        }
    }

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);
}
