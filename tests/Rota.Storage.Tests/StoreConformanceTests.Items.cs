using System.Text.Json.Nodes;
using Rota.Storage;

namespace Rota.Storage.Tests;

public abstract partial class StoreConformanceTests
{
    protected static ItemWrite Entry(string guid, string? title = null) =>
        new(guid, $"https://a.example/{guid}", title ?? guid, "Ada", "sum", "<p>c</p>", T0.AddDays(-1),
            new JsonArray("x", "y"), new JsonArray(new JsonObject { ["url"] = "https://a.example/a.mp3", ["type"] = "audio/mpeg", ["length"] = 10 }));

    [Fact]
    public async Task ItemUpsertMany_SecondTime_InsertsOnlyNewAndRefreshesChanged()
    {
        await using var store = await CreateStoreAsync();
        var s = await store.SourceUpsert(Src("ada", "https://a.example/feed"));
        var first = await store.ItemUpsertMany(new ItemUpsertManyParams(s.Id, [Entry("g1"), Entry("g2")], T0));
        Assert.Equal(2, first.New);
        var second = await store.ItemUpsertMany(new ItemUpsertManyParams(s.Id, [Entry("g1"), Entry("g2", "changed"), Entry("g3")], T0.AddHours(1)));
        Assert.Equal((1, 1), (second.New, second.Updated));
        var items = await store.ItemList(new ItemListParams(s.Id));
        Assert.Equal(["g3", "g2", "g1"], items.Select(i => i.GuidHash));
        Assert.Equal("changed", items[1].Title);
        Assert.Equal(T0, items[1].FetchedAt);
        Assert.Equal(T0.AddHours(1), items[0].FetchedAt);
        var g1 = items[2];
        Assert.Equal(("https://a.example/g1", "Ada", "sum", "<p>c</p>", (DateTimeOffset?)T0.AddDays(-1)), (g1.Url, g1.Author, g1.Summary, g1.Content, g1.PublishedAt));
        Assert.Equal("[\"x\",\"y\"]", g1.Categories!.ToJsonString());
        Assert.Equal("https://a.example/a.mp3", g1.Enclosures![0]!["url"]!.GetValue<string>());
        Assert.Equal(second.NewIds[0], items[0].Id);
    }

    [Fact]
    public async Task ItemList_CursorPagesNewestFirst_AndGetSetPageRoundTrip()
    {
        await using var store = await CreateStoreAsync();
        var s = await store.SourceUpsert(Src("ada", "https://a.example/feed"));
        await store.ItemUpsertMany(new ItemUpsertManyParams(s.Id, [.. Enumerable.Range(1, 5).Select(i => Entry($"g{i}"))], T0));
        var page1 = await store.ItemList(new ItemListParams(s.Id, Limit: 2));
        var page2 = await store.ItemList(new ItemListParams(s.Id, page1[^1].Id, 2));
        Assert.Equal(["g5", "g4"], page1.Select(i => i.GuidHash));
        Assert.Equal(["g3", "g2"], page2.Select(i => i.GuidHash));
        Assert.True(await store.ItemSetPage(new ItemSetPageParams(page1[0].Id, 200, "https://a.example/final", "Title", "text", T0.AddMinutes(5))));
        var got = (await store.ItemGet(page1[0].Id))!;
        Assert.Equal((200, "https://a.example/final", "Title", "text", (DateTimeOffset?)T0.AddMinutes(5)), (got.PageStatus, got.PageUrl, got.PageTitle, got.PageText, got.PageFetchedAt));
        Assert.Null(await store.ItemGet(99999));
        Assert.False(await store.ItemSetPage(new ItemSetPageParams(99999, 200, null, null, null, T0)));
    }

    [Fact]
    public async Task ItemPrune_DeletesItemsFirstSeenBeforeTheCutoff()
    {
        await using var store = await CreateStoreAsync();
        var s = await store.SourceUpsert(Src("ada", "https://a.example/feed"));
        await store.ItemUpsertMany(new ItemUpsertManyParams(s.Id, [Entry("old")], T0.AddDays(-100)));
        await store.ItemUpsertMany(new ItemUpsertManyParams(s.Id, [Entry("new")], T0));
        Assert.Equal(1, await store.ItemPrune(new ItemPruneParams(T0.AddDays(-90))));
        Assert.Equal(["new"], (await store.ItemList(new ItemListParams(s.Id))).Select(i => i.GuidHash));
        var updated = await store.SourceUpdateAfterCrawl(new SourceUpdateAfterCrawlParams(s.Id, SourceStatus.Active, false, null, null, null, null, null, T0, 60, T0));
        Assert.Equal(1, updated!.ItemsTotal);
    }
}
