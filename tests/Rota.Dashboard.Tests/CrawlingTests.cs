using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Rota.Crawler.Crawling;
using Rota.Crawler.Fetching;
using Rota.Crawler.Sources;
using Rota.Storage;
using Rota.TestSupport;
using static Microsoft.Playwright.Assertions;

namespace Rota.Dashboard.Tests;

/// <summary>The crawling pages against a real feed server on 127.0.0.1 (the test server allows loopback feeds, like
/// <c>ROTA_CRAWLER_ALLOW_LOOPBACK=true</c>): discovery preview, add, crawl, items, crawl logs, failing sources, OPML,
/// delete, and owner scoping by direct URL.</summary>
[Collection(DashboardCollection.Name)]
public sealed class CrawlingTests(DashboardServer server)
{
    private static string Rss(string title, params string[] items) => $"""
        <?xml version="1.0"?>
        <rss version="2.0"><channel><title>{title}</title><link>http://example.test/</link><description>d</description>
        {string.Join("", items.Select((t, i) => $"<item><title>{t}</title><link>http://example.test/{i}</link><guid>{title}-{i}</guid></item>"))}
        </channel></rss>
        """;

    private static async Task<LoopbackHttpServer> FeedsAsync()
    {
        var feeds = await LoopbackHttpServer.StartAsync();
        feeds.MapText("/feed.xml", 200, Rss("Loopback news", "First post", "Second post"), "application/rss+xml");
        feeds.MapText("/blog", 200, """<html><head><title>Blog</title><link rel="alternate" type="application/rss+xml" title="Loopback news" href="/feed.xml"></head><body>hi</body></html>""",
            "text/html; charset=utf-8");
        feeds.MapText("/broken.xml", 500, "down for maintenance");
        return feeds;
    }

    private async Task<SourceRow> AddDirectAsync(string owner, string url)
    {
        var registrar = new SourceRegistrar(server.Store, server.Services.GetRequiredService<FeedFetcher>(), server.Services.GetRequiredService<CrawlerOptions>(), TimeProvider.System);
        return (await registrar.AddAsync(url, null, null, owner)).Source;
    }

    [Fact]
    public async Task AddByPageUrl_PreviewDiscoversFeed_ConfirmThenCrawl_ShowsItemsAndCrawlLog()
    {
        await using var feeds = await FeedsAsync();
        var (context, page) = await server.SignedInAsync("alice");
        await using var session = context;
        await page.GotoAsync("/sources");
        await page.GetByRole(AriaRole.Link, new() { Name = "Add source" }).ClickAsync();
        await page.GetByLabel("URL or handle").FillAsync(feeds.Url("/blog"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Preview" }).ClickAsync();
        var candidate = page.Locator($"li.candidate[data-candidate='{feeds.Url("/feed.xml")}']");
        await Expect(candidate).ToContainTextAsync("Loopback news");
        await Expect(page.Locator("#preview")).ToContainTextAsync("Feeds found on " + feeds.Url("/blog"));
        Assert.DoesNotContain(await server.Store.SourceList(new SourceListParams("alice")),
            s => s.Url == feeds.Url("/feed.xml") || s.Input == feeds.Url("/blog")); // a preview stores nothing
        await server.ScreenshotAsync(page, "source-add-preview-light");

        await candidate.GetByRole(AriaRole.Button, new() { Name = "Add this feed" }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/sources/\\d+"));
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Source 'Loopback news' added");
        var source = Assert.Single(await server.Store.SourceList(new SourceListParams("alice")), s => s.Url == feeds.Url("/feed.xml"));

        await page.GetByRole(AriaRole.Link, new() { Name = "Crawl now" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Yes, crawl now" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("2 new item(s)");
        await Expect(page.Locator("tr[data-item]")).ToHaveCountAsync(2);
        await Expect(page.Locator("tr[data-item]").First).ToContainTextAsync("post");
        await Expect(page.Locator("tr[data-crawl-log] [data-crawl-status='success']")).ToHaveCountAsync(1);

        await page.GotoAsync("/sources");
        await Expect(page.Locator($"tr[data-source='{source.Id}'] [data-source-status='active']")).ToBeVisibleAsync();
        await page.GotoAsync($"/crawl-logs?source={source.Id}&status=success");
        await Expect(page.Locator("tr[data-crawl-log]")).ToHaveCountAsync(1);
        await page.GotoAsync($"/crawl-logs?source={source.Id}&status=failed");
        await Expect(page.Locator("tr[data-crawl-log]")).ToHaveCountAsync(0);

        // Bob sees none of it, by list or by typed URL; the admin sees it.
        var (bobContext, bobPage) = await server.SignedInAsync("bob");
        await using (bobContext)
        {
            foreach (var path in new[] { $"/sources/{source.Id}", $"/confirm?action=source-delete&source={source.Id}", $"/confirm?action=source-crawl&source={source.Id}" })
            {
                var response = await bobPage.GotoAsync(path);
                Assert.True(response!.Status == 404, $"{path} answered {response.Status}");
            }
            await bobPage.GotoAsync($"/crawl-logs?source={source.Id}");
            await Expect(bobPage.Locator("tr[data-crawl-log]")).ToHaveCountAsync(0);
            await bobPage.GotoAsync("/sources");
            await Expect(bobPage.Locator($"tr[data-source='{source.Id}']")).ToHaveCountAsync(0);
        }
        var (adminContext, adminPage) = await server.SignedInAsync("admin");
        await using (adminContext)
            Assert.Equal(200, (await adminPage.GotoAsync($"/sources/{source.Id}"))!.Status);

        await page.GotoAsync($"/sources/{source.Id}");
        await page.GetByRole(AriaRole.Link, new() { Name = "Delete source" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Delete source 'Loopback news'?" })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Yes, delete" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("deleted");
        Assert.Null(await server.Store.SourceGet(new SourceGetParams(source.Id)));
    }

    [Fact]
    public async Task Preview_InputThatIsNoSource_ShowsWhyAndAddsNothing()
    {
        var (context, page) = await server.SignedInAsync("alice");
        await using var session = context;
        await page.GotoAsync("/sources/add?input=" + Uri.EscapeDataString("@someone"));
        await Expect(page.Locator("#preview [role=alert]")).ToContainTextAsync("say which kind it is");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Add this feed" })).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task FailingSource_ShowsErrorOnListDetailAndOverviewCard()
    {
        await using var feeds = await FeedsAsync();
        var source = await AddDirectAsync("bob", feeds.Url("/broken.xml"));
        var (context, page) = await server.SignedInAsync("bob");
        await using var session = context;
        await page.GotoAsync($"/confirm?action=source-crawl&source={source.Id}&back=/sources");
        await page.GetByRole(AriaRole.Button, new() { Name = "Yes, crawl now" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("failed");
        await Expect(page.Locator("#err-h")).ToContainTextAsync("Failing since");
        await Expect(page.Locator(".error-card .error-text")).ToContainTextAsync("500");

        await page.GotoAsync("/sources?status=error");
        var row = page.Locator($"tr[data-source='{source.Id}']");
        await Expect(row.Locator("[data-source-status='error']")).ToBeVisibleAsync();
        await Expect(row).ToContainTextAsync("500");
        await page.GotoAsync("/");
        await Expect(page.Locator("#failing-sources")).ToContainTextAsync(source.Name);
        await page.GotoAsync($"/crawl-logs?status=failed&source={source.Id}");
        await Expect(page.Locator("tr[data-crawl-log] [data-crawl-status='failed']")).ToHaveCountAsync(1);
    }

    [Fact]
    public async Task OpmlImport_ThenExport_RoundTripsTheFeeds()
    {
        var (context, page) = await server.SignedInAsync("carol");
        await using var session = context;
        var opml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <opml version="2.0"><head><title>mine</title></head><body>
              <outline text="Tech" title="Tech">
                <outline type="rss" text="Alpha" title="Alpha" xmlUrl="https://alpha.example/feed.xml" htmlUrl="https://alpha.example/"/>
                <outline type="rss" text="Beta" title="Beta" xmlUrl="https://beta.example/rss"/>
              </outline>
              <outline type="rss" text="Bad" xmlUrl="ftp://nope.example/feed"/>
            </body></opml>
            """;
        await page.GotoAsync("/sources");
        await page.GetByLabel("OPML file").SetInputFilesAsync(new FilePayload { Name = "mine.opml", MimeType = "text/x-opml", Buffer = Encoding.UTF8.GetBytes(opml) });
        await page.GetByRole(AriaRole.Button, new() { Name = "Import" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("OPML imported: 2 added, 0 already there, 1 skipped");
        await Expect(page.Locator("tr[data-source]")).ToHaveCountAsync(2);

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Export OPML" }).ClickAsync());
        Assert.Equal("rota-sources.opml", download.SuggestedFilename);
        var exported = await File.ReadAllTextAsync((await download.PathAsync())!);
        Assert.Contains("https://alpha.example/feed.xml", exported, StringComparison.Ordinal);
        Assert.Contains("https://beta.example/rss", exported, StringComparison.Ordinal);
        Assert.Contains("Tech", exported, StringComparison.Ordinal);

        // Importing the export again adds nothing new.
        await page.GetByLabel("OPML file").SetInputFilesAsync(new FilePayload { Name = "again.opml", MimeType = "text/x-opml", Buffer = Encoding.UTF8.GetBytes(exported) });
        await page.GetByRole(AriaRole.Button, new() { Name = "Import" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("0 added, 2 already there");
    }

    [Fact]
    public async Task OpmlImport_WithoutAntiforgeryToken_ChangesNothing()
    {
        var (context, page) = await server.SignedInAsync("bob");
        await using var session = context;
        var before = (await server.Store.SourceList(new SourceListParams("bob"))).Count;
        var response = await page.APIRequest.PostAsync("/ui/sources/import", new()
        {
            Multipart = context.APIRequest.CreateFormData().Append("opml", new FilePayload
            {
                Name = "x.opml", MimeType = "text/x-opml",
                Buffer = Encoding.UTF8.GetBytes("""<opml version="2.0"><body><outline xmlUrl="https://csrf.example/feed"/></body></opml>"""),
            }),
            MaxRedirects = 0,
        });
        Assert.Equal(302, response.Status);
        Assert.Contains("error=", response.Headers["location"], StringComparison.Ordinal);
        Assert.Equal(before, (await server.Store.SourceList(new SourceListParams("bob"))).Count);
    }
}
