using System.Text.Json.Nodes;
using Rota.TestSupport;

namespace Rota.Cli.Tests;

public sealed class SourceCommandTests
{
    private const string Rss = "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Blog</title>" +
        "<item><guid>1</guid><title>One</title></item><item><guid>2</guid><title>Two</title></item></channel></rss>";

    [Fact]
    public async Task SourceAdd_FeedUrlTwice_AddsOnceAndListShowsIt()
    {
        using var cli = new CliRunner();
        var (exit, stdout, _) = await cli.Run("source", "add", "https://example.com/feed.xml", "--name", "Example", "--owner", "ada");
        Assert.Equal(0, exit);
        Assert.Contains("added feed 'Example'", stdout, StringComparison.Ordinal);
        var again = await cli.Run("source", "add", "https://EXAMPLE.com/feed.xml?utm_source=x", "--owner", "ada", "--json");
        Assert.False(JsonNode.Parse(again.Out)!["created"]!.GetValue<bool>());

        var list = JsonNode.Parse((await cli.Run("source", "list", "--json")).Out)!;
        Assert.Equal(1, list["total"]!.GetValue<int>());
        var s = list["sources"]![0]!;
        Assert.Equal(("ada", "Example", "feed", "pending", "https://example.com/feed.xml"),
            (s["owner"]!.GetValue<string>(), s["name"]!.GetValue<string>(), s["kind"]!.GetValue<string>(), s["status"]!.GetValue<string>(), s["url"]!.GetValue<string>()));
    }

    [Fact]
    public async Task SourceAdd_WebPage_DiscoversItsFeed_OnlyWithAllowLoopback()
    {
        await using var server = await LoopbackHttpServer.StartAsync();
        server.MapText("/blog", 200, "<html><head><link rel=\"alternate\" type=\"application/rss+xml\" title=\"Blog feed\" href=\"/blog/rss\"></head><body>hi</body></html>", "text/html");
        server.MapText("/blog/rss", 200, Rss, "application/rss+xml");
        using var cli = new CliRunner();

        var refused = await cli.Run("source", "add", server.Url("/blog"));
        var added = await cli.Run("source", "add", server.Url("/blog"), "--allow-loopback", "--json");
        server.MapText("/updates", 200, Rss, "application/rss+xml");
        var direct = JsonNode.Parse((await cli.Run("source", "add", server.Url("/updates"), "--allow-loopback", "--json")).Out)!;

        Assert.NotEqual(0, refused.Exit);
        Assert.Contains("fetch.blocked_address", refused.Err, StringComparison.Ordinal);
        Assert.Equal(0, added.Exit);
        var result = JsonNode.Parse(added.Out)!;
        Assert.Equal(server.Url("/blog"), result["discovered_from"]!.GetValue<string>());
        Assert.Equal((server.Url("/blog/rss"), "web_page", "Blog feed", "admin"),
            (result["source"]!["url"]!.GetValue<string>(), result["source"]!["kind"]!.GetValue<string>(), result["source"]!["name"]!.GetValue<string>(), result["source"]!["owner"]!.GetValue<string>()));
        Assert.Equal(("feed", "Blog", (string?)null), (direct["source"]!["kind"]!.GetValue<string>(), direct["source"]!["name"]!.GetValue<string>(), direct["discovered_from"]?.GetValue<string>()));
    }

    [Fact]
    public async Task SourceCrawl_ThenCrawlLogs_PrintsSummaryAndLogs()
    {
        await using var server = await LoopbackHttpServer.StartAsync();
        server.MapText("/ok", 200, Rss, "application/rss+xml");
        server.MapText("/gone", 410, "gone");
        using var cli = new CliRunner();
        await cli.Run("source", "add", server.Url("/ok"), "--kind", "feed");
        await cli.Run("source", "add", server.Url("/gone"), "--kind", "feed");

        var (exit, stdout, _) = await cli.Run("source", "crawl", "--allow-loopback", "--json");
        var again = await cli.Run("source", "crawl", "1", "--allow-loopback");

        Assert.Equal(0, exit);
        var summary = JsonNode.Parse(stdout)!;
        Assert.Equal((2, 1, 1, 0, 2, 2), (summary["sources_crawled"]!.GetValue<int>(), summary["successful"]!.GetValue<int>(), summary["failed"]!.GetValue<int>(),
            summary["partial"]!.GetValue<int>(), summary["items_fetched"]!.GetValue<int>(), summary["items_new"]!.GetValue<int>()));
        Assert.Equal("disabled", summary["results"]![1]!["source_status"]!.GetValue<string>());
        Assert.Contains("1 source(s) crawled — 1 successful, 0 failed, 0 partial; 2 item(s) fetched, 0 new", again.Out, StringComparison.Ordinal);
        var logs = JsonNode.Parse((await cli.Run("crawl", "logs", "--json")).Out)!;
        Assert.Equal(3, logs["count"]!.GetValue<int>());
        var failed = JsonNode.Parse((await cli.Run("crawl", "logs", "--status", "failed", "--source", "2", "--json")).Out)!["logs"]!.AsArray();
        Assert.Equal("manual", Assert.Single(failed)!["crawl_type"]!.GetValue<string>());
        Assert.Contains("success", (await cli.Run("crawl", "logs", "--limit", "1")).Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SourceCrawl_CrawlerSectionOfConfig_SetsUserAgentAndAllowsLoopback()
    {
        await using var server = await LoopbackHttpServer.StartAsync();
        server.MapText("/ok", 200, Rss, "application/rss+xml");
        using var cli = new CliRunner();
        var config = cli.Write("crawler.yaml", "crawler:\n  user_agent: \"CliCrawlTest/1.0 (+https://test.example)\"\n  allow_loopback: true\n  min_interval_per_host: 0s\n");
        await cli.Run("source", "add", server.Url("/ok"), "--kind", "feed");

        var (exit, stdout, stderr) = await cli.Run("source", "crawl", "--config", config, "--json");

        Assert.True(exit == 0, stderr);
        Assert.Equal(1, JsonNode.Parse(stdout)!["successful"]!.GetValue<int>());
        Assert.Equal("CliCrawlTest/1.0 (+https://test.example)", Assert.Single(server.Requests).Header("User-Agent"));
    }

    [Fact]
    public async Task SourceCrawl_BadCrawlerVariable_StopsWithEveryProblemListed()
    {
        using var cli = new CliRunner();
        cli.Env["ROTA_CRAWLER_MAX_PER_HOST"] = "lots";
        cli.Env["ROTA_CRAWLER_USERAGENT"] = "x";

        var (exit, _, stderr) = await cli.Exec("source", "crawl", "--db", cli.Db);

        Assert.Equal(4, exit);
        Assert.Contains("error[crawler.bad_setting]", stderr, StringComparison.Ordinal);
        Assert.Contains("ROTA_CRAWLER_MAX_PER_HOST: expected a whole number (value: 'lots')", stderr, StringComparison.Ordinal);
        Assert.Contains("ROTA_CRAWLER_USERAGENT: unknown crawler setting; did you mean 'user_agent'?", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SourceCrawl_WithoutAllowLoopback_FailsOnTheSsrfGuard()
    {
        await using var server = await LoopbackHttpServer.StartAsync();
        server.MapText("/ok", 200, Rss, "application/rss+xml");
        using var cli = new CliRunner();
        await cli.Run("source", "add", server.Url("/ok"), "--kind", "feed");

        var (exit, stdout, _) = await cli.Run("source", "crawl", "--json");

        Assert.Equal(5, exit);
        Assert.Equal("fetch.blocked_address", JsonNode.Parse(stdout)!["results"]![0]!["error_code"]!.GetValue<string>());
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task ImportOpml_DedupsByNormalizedUrl_ThenExportRoundTrips()
    {
        using var cli = new CliRunner();
        await cli.Run("source", "add", "https://a.example/feed", "--kind", "feed");
        var opml = cli.Write("subs.opml", """
            <?xml version="1.0"?>
            <opml version="2.0"><head><title>subs</title></head><body>
              <outline text="Tech">
                <outline type="rss" text="A again" xmlUrl="https://A.example/feed/?utm_medium=rss"/>
                <outline type="rss" text="B" title="B blog" xmlUrl="https://b.example/rss.xml" htmlUrl="https://b.example/"/>
              </outline>
              <outline type="rss" text="C" xmlUrl="https://c.example/feed.json"/>
              <outline type="rss" text="C twice" xmlUrl="https://c.example/feed.json"/>
              <outline type="rss" text="Bad" xmlUrl="ftp://d.example/feed"/>
            </body></opml>
            """);

        var (exit, stdout, _) = await cli.Run("source", "import-opml", opml);
        var export = await cli.Run("source", "export-opml", Path.Combine(cli.Dir, "out.opml"));

        Assert.Equal(0, exit);
        Assert.Contains("opml: 2 added, 2 already present, 1 invalid", stdout, StringComparison.Ordinal);
        Assert.Equal(0, export.Exit);
        var written = File.ReadAllText(Path.Combine(cli.Dir, "out.opml"));
        Assert.Contains("version=\"2.0\"", written, StringComparison.Ordinal);
        Assert.Contains("xmlUrl=\"https://b.example/rss.xml\"", written, StringComparison.Ordinal);
        Assert.Contains("htmlUrl=\"https://b.example/\"", written, StringComparison.Ordinal);
        Assert.Contains("<outline text=\"Tech\"", written, StringComparison.Ordinal);
        var list = JsonNode.Parse((await cli.Run("source", "list", "--json")).Out)!;
        Assert.Equal(3, list["total"]!.GetValue<int>());
        Assert.Equal("json_feed", list["sources"]![2]!["kind"]!.GetValue<string>());

        using var other = new CliRunner();
        var reimport = await other.Run("source", "import-opml", Path.Combine(cli.Dir, "out.opml"), "--json");
        Assert.Equal(3, JsonNode.Parse(reimport.Out)!["added"]!.GetValue<int>());
    }

    [Fact]
    public async Task Apply_CrawlAndFetchPageTasksFromYaml_AreAccepted()
    {
        using var cli = new CliRunner();
        var config = cli.Write("rota.yaml", """
            tasks:
              - name: crawl-hourly
                handler: crawl
                parameters: { scope: due, fetch_page_task: fetch-pages }
                cron: "0 * * * *"
              - name: fetch-pages
                handler: fetch-page
                overlap: allow_all
            """);

        var (exit, _, err) = await cli.Run("apply", "--config", config);
        var list = await cli.Run("task", "list", "--json");

        Assert.True(exit == 0, err);
        Assert.Contains("\"handler\": \"crawl\"", list.Out, StringComparison.Ordinal);
        Assert.Contains("\"handler\": \"fetch-page\"", list.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SourceAdd_HandlesAndKinds_ResolveWithoutNetwork()
    {
        using var cli = new CliRunner();
        var reddit = JsonNode.Parse((await cli.Run("source", "add", "r/dotnet", "--json")).Out)!["source"]!;
        var json = JsonNode.Parse((await cli.Run("source", "add", "https://x.example/items", "--kind", "jsonfeed", "--json")).Out)!["source"]!;
        var bad = await cli.Run("source", "add", "@someone");

        var mastodon = JsonNode.Parse((await cli.Run("source", "add", "@ada@mastodon.social", "--json")).Out)!["source"]!;

        Assert.Equal(("reddit", "https://www.reddit.com/r/dotnet/.rss"), (reddit["kind"]!.GetValue<string>(), reddit["url"]!.GetValue<string>()));
        Assert.Equal(("mastodon", "https://mastodon.social/@ada.rss"), (mastodon["kind"]!.GetValue<string>(), mastodon["url"]!.GetValue<string>()));
        Assert.Equal("json_feed", json["kind"]!.GetValue<string>());
        Assert.NotEqual(0, bad.Exit);
        Assert.Contains("source.", bad.Err, StringComparison.Ordinal);
    }
}
