using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Rota.Crawler.Crawling;
using Rota.Crawler.Fetching;
using Rota.Crawler.Sources;
using Rota.Storage;
using Rota.TestSupport;
using static Microsoft.Playwright.Assertions;

namespace Rota.Dashboard.Tests;

/// <summary>The source page's crawl rules form (saved, refused with every error, cleared) and the items' quality column
/// and minimum-quality filter.</summary>
[Collection(DashboardCollection.Name)]
public sealed class SourceRulesPageTests(DashboardServer server)
{
    private const string Rss = """
        <?xml version="1.0"?>
        <rss version="2.0"><channel><title>Rules feed</title><link>http://example.test/</link><description>d</description>
        <item><title>Sponsored: a deal</title><link>http://example.test/1</link><guid>r1</guid></item>
        <item><title>A proper article title</title><link>http://example.test/2</link><guid>r2</guid><author>a@example.test (Ada)</author>
          <description>A body that says something about the article.</description></item>
        <item><title>WOW!!</title><link>http://example.test/3</link><guid>r3</guid></item>
        </channel></rss>
        """;

    [Fact]
    public async Task RulesForm_SavesRefusesWithEveryErrorAndClears_ItemsShowQualityAndFilter()
    {
        await using var feeds = await LoopbackHttpServer.StartAsync();
        feeds.MapText("/rules.xml", 200, Rss, "application/rss+xml");
        var registrar = new SourceRegistrar(server.Store, server.Services.GetRequiredService<FeedFetcher>(), server.Services.GetRequiredService<CrawlerOptions>(), TimeProvider.System);
        var source = (await registrar.AddAsync(feeds.Url("/rules.xml"), SourceKind.Feed, "Rules feed", "alice")).Source;
        var (context, page) = await server.SignedInAsync("alice");
        await using var session = context;
        await page.GotoAsync($"/sources/{source.Id}");
        await Expect(page.Locator("[data-rules-none]")).ToBeVisibleAsync();

        await page.GetByLabel("Rules (JSON").FillAsync("""{"max_items": 0, "block": [{"field": "titel", "regex": "("}]}""");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save rules" }).ClickAsync();
        var alert = page.GetByRole(AriaRole.Alert);
        foreach (var field in new[] { "rules.max_items", "rules.block[0].field", "rules.block[0].regex" }) await Expect(alert).ToContainTextAsync(field);
        await Expect(page.GetByLabel("Rules (JSON")).ToHaveValueAsync("""{"max_items": 0, "block": [{"field": "titel", "regex": "("}]}""");
        Assert.Null((await server.Store.SourceGet(new SourceGetParams(source.Id)))!.Rules);

        await page.GetByLabel("Rules (JSON").FillAsync("""{"block": [{"field": "title", "contains": "sponsored"}]}""");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save rules" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Crawl rules of 'Rules feed' saved");
        await Expect(page.Locator("pre[data-rules]")).ToContainTextAsync("sponsored");
        Assert.Equal("sponsored", (await server.Store.SourceGet(new SourceGetParams(source.Id)))!.Rules!["block"]![0]!["contains"]!.GetValue<string>());

        await page.GetByRole(AriaRole.Link, new() { Name = "Crawl now" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Yes, crawl now" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("2 new item(s)");
        await Expect(page.Locator("tr[data-item]")).ToHaveCountAsync(2);
        var items = await server.Store.ItemList(new ItemListParams(source.Id));
        var best = items.Max(i => i.Quality!.Value);
        await Expect(page.Locator($"tr[data-item] td[data-quality='{best}']")).ToHaveCountAsync(1);

        await page.GetByLabel("Minimum quality").FillAsync(best.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await page.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();
        await Expect(page.Locator("tr[data-item]")).ToHaveCountAsync(1);
        await Expect(page.Locator("tr[data-item]")).ToContainTextAsync("A proper article title");

        await page.GetByLabel("Rules (JSON").FillAsync("");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save rules" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("cleared");
        Assert.Null((await server.Store.SourceGet(new SourceGetParams(source.Id)))!.Rules);
    }
}
