using System.Text.Json.Nodes;
using Rota.Storage;

namespace Rota.Storage.Tests;

public abstract partial class StoreConformanceTests
{
    private static ItemWrite Scored(string guid, int? quality, string? content = "<p>c</p>") =>
        Entry(guid) with { Content = content, Quality = quality, QualitySignals = quality is null ? null : new JsonObject { ["text_length"] = quality } };

    [Fact]
    public async Task ItemUpsertMany_StoresQuality_AndARefreshWithoutOneKeepsIt()
    {
        await using var store = await CreateStoreAsync();
        var s = await store.SourceUpsert(Src("ada", "https://a.example/feed"));
        await store.ItemUpsertMany(new ItemUpsertManyParams(s.Id, [Scored("g1", 70), Scored("g2", null)], T0));
        var items = (await store.ItemList(new ItemListParams(s.Id))).OrderBy(i => i.Id).ToList();
        Assert.Equal((70, 70), (items[0].Quality, items[0].QualitySignals!["text_length"]!.GetValue<int>()));
        Assert.Equal((null, null), (items[1].Quality, items[1].QualitySignals));

        // A changed entry refreshes its score; a refresh that brings no score keeps the stored one.
        await store.ItemUpsertMany(new ItemUpsertManyParams(s.Id, [Scored("g1", 35, "<p>new</p>"), Scored("g2", 20, "<p>new</p>")], T0.AddHours(1)));
        Assert.Equal(35, (await store.ItemGet(items[0].Id))!.Quality);
        Assert.Equal(20, (await store.ItemGet(items[1].Id))!.Quality);
        await store.ItemUpsertMany(new ItemUpsertManyParams(s.Id, [Scored("g1", null, "<p>again</p>")], T0.AddHours(2)));
        var g1 = (await store.ItemGet(items[0].Id))!;
        Assert.Equal((35, "<p>again</p>"), (g1.Quality, g1.Content));
    }

    [Fact]
    public async Task ItemList_MinQuality_LeavesOutLowerAndUnscoredItems()
    {
        await using var store = await CreateStoreAsync();
        var s = await store.SourceUpsert(Src("ada", "https://a.example/feed"));
        await store.ItemUpsertMany(new ItemUpsertManyParams(s.Id, [Scored("low", 10), Scored("mid", 50), Scored("none", null), Scored("high", 90)], T0));
        Assert.Equal(["high", "mid"], (await store.ItemList(new ItemListParams(s.Id, MinQuality: 50))).Select(i => i.GuidHash));
        Assert.Equal(["high"], (await store.ItemList(new ItemListParams(s.Id, MinQuality: 51, Limit: 1))).Select(i => i.GuidHash));
        Assert.Equal(4, (await store.ItemList(new ItemListParams(s.Id))).Count);
    }

    [Fact]
    public async Task ItemExistingKeys_ReturnsOnlyKeysOfThatSource()
    {
        await using var store = await CreateStoreAsync();
        var a = await store.SourceUpsert(Src("ada", "https://a.example/feed"));
        var b = await store.SourceUpsert(Src("ada", "https://b.example/feed"));
        await store.ItemUpsertMany(new ItemUpsertManyParams(a.Id, [Entry("g1"), Entry("g2")], T0));
        await store.ItemUpsertMany(new ItemUpsertManyParams(b.Id, [Entry("g3")], T0));
        var existing = await store.ItemExistingKeys(new ItemExistingKeysParams(a.Id, ["g2", "g3", "g9", "g1"]));
        Assert.Equal(["g1", "g2"], existing.Order(StringComparer.Ordinal));
        Assert.Empty(await store.ItemExistingKeys(new ItemExistingKeysParams(a.Id, [])));
    }

    [Fact]
    public async Task SourceSetRules_StoresReturnsAndClears_ScopedToTheOwner()
    {
        await using var store = await CreateStoreAsync();
        var s = await store.SourceUpsert(Src("ada", "https://a.example/feed"));
        Assert.Null(s.Rules);
        var rules = new JsonObject { ["max_items"] = 5, ["block"] = new JsonArray(new JsonObject { ["field"] = "title", ["contains"] = "ad" }) };
        var set = await store.SourceSetRules(new SourceSetRulesParams(s.Id, rules, T0.AddMinutes(1), "ada"));
        Assert.Equal(5, set!.Rules!["max_items"]!.GetValue<int>());
        Assert.Equal(T0.AddMinutes(1), set.UpdatedAt);
        Assert.Equal("ad", (await store.SourceGet(new SourceGetParams(s.Id)))!.Rules!["block"]![0]!["contains"]!.GetValue<string>());
        Assert.NotNull((await store.SourceList(new SourceListParams("ada")))[0].Rules);
        Assert.Null(await store.SourceSetRules(new SourceSetRulesParams(s.Id, null, T0, "bob")));
        // Re-adding the same feed keeps its rules.
        var again = await store.SourceUpsert(Src("ada", "https://a.example/feed"));
        Assert.NotNull(again.Rules);
        var cleared = await store.SourceSetRules(new SourceSetRulesParams(s.Id, null, T0.AddMinutes(2)));
        Assert.Null(cleared!.Rules);
        Assert.Null(await store.SourceSetRules(new SourceSetRulesParams(99999, rules, T0)));
    }
}
