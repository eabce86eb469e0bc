using System.Text.Json.Nodes;
using Rota.Storage;

namespace Rota.Storage.Tests;

public abstract partial class StoreConformanceTests
{
    protected static SourceUpsertParams Src(string owner, string url, DateTimeOffset? now = null, string? name = null) =>
        new(owner, name ?? url, "feed", url, url, url.TrimEnd('/'), 3600, now ?? T0);

    [Fact]
    public async Task SourceUpsert_NewThenSameNormalizedUrl_UpdatesInPlacePerOwner()
    {
        await using var store = await CreateStoreAsync();
        var a = await store.SourceUpsert(Src("ada", "https://a.example/feed") with { Metadata = new JsonObject { ["k"] = 1 } });
        Assert.Equal(SourceStatus.Pending, a.Status);
        Assert.Equal(T0, a.NextCrawlAt);
        Assert.Equal(3600, a.PollIntervalSeconds);
        Assert.Equal(T0, a.CreatedAt);
        var again = await store.SourceUpsert(Src("ada", "https://a.example/feed", T0.AddMinutes(1), "Renamed"));
        Assert.Equal(a.Id, again.Id);
        Assert.Equal("Renamed", again.Name);
        Assert.Equal(T0, again.CreatedAt);
        Assert.Equal(T0.AddMinutes(1), again.UpdatedAt);
        Assert.Equal("{\"k\":1}", again.Metadata!.ToJsonString());
        var other = await store.SourceUpsert(Src("bob", "https://a.example/feed"));
        Assert.NotEqual(a.Id, other.Id);
        Assert.Equal(a.Id, (await store.SourceGet(new SourceGetParams(a.Id, "ada")))!.Id);
        Assert.Null(await store.SourceGet(new SourceGetParams(a.Id, "bob")));
        Assert.Null(await store.SourceGet(new SourceGetParams(9999)));
    }

    [Fact]
    public async Task SourceList_FiltersByOwnerStatusAndDue()
    {
        await using var store = await CreateStoreAsync();
        var a = await store.SourceUpsert(Src("ada", "https://a.example/1"));
        var b = await store.SourceUpsert(Src("ada", "https://a.example/2"));
        var c = await store.SourceUpsert(Src("bob", "https://a.example/3"));
        await store.SourceUpdateAfterCrawl(new SourceUpdateAfterCrawlParams(b.Id, SourceStatus.Active, false, null, null, null, null, null, T0.AddHours(2), 3600, T0));
        await store.SourceUpdateAfterCrawl(new SourceUpdateAfterCrawlParams(c.Id, SourceStatus.Disabled, true, "fetch.gone", "gone", false, null, null, T0, 3600, T0));
        Assert.Equal([a.Id, b.Id], (await store.SourceList(new SourceListParams("ada"))).Select(s => s.Id));
        Assert.Equal([b.Id], (await store.SourceList(new SourceListParams(Status: SourceStatus.Active))).Select(s => s.Id));
        Assert.Equal([a.Id], (await store.SourceList(new SourceListParams(DueBefore: T0.AddHours(1)))).Select(s => s.Id));
        Assert.Equal([a.Id, b.Id], (await store.SourceList(new SourceListParams(DueBefore: T0.AddHours(2)))).Select(s => s.Id));
        Assert.Single(await store.SourceList(new SourceListParams(Limit: 1)));
    }

    [Fact]
    public async Task SourceUpdateAfterCrawl_FailuresCountAndKeepFirstErrorTime_SuccessClearsThem()
    {
        await using var store = await CreateStoreAsync();
        var s = await store.SourceUpsert(Src("ada", "https://a.example/feed"));
        await store.SourceUpdateAfterCrawl(new SourceUpdateAfterCrawlParams(s.Id, SourceStatus.Active, false, null, null, null, "\"v1\"", "Mon, 02 Mar 2026 10:00:00 GMT", T0.AddHours(1), 3600, T0));
        var f1 = await store.SourceUpdateAfterCrawl(new SourceUpdateAfterCrawlParams(s.Id, SourceStatus.Error, true, "fetch.server_error", "500", true, "\"x\"", null, T0.AddHours(2), 3600, T0.AddMinutes(1)));
        var f2 = (await store.SourceUpdateAfterCrawl(new SourceUpdateAfterCrawlParams(s.Id, SourceStatus.Error, true, "fetch.not_found", "404", false, null, null, T0.AddHours(3), 7200, T0.AddMinutes(2))))!;
        Assert.Equal(1, f1!.ConsecutiveErrors);
        Assert.Equal((2, "fetch.not_found", "404", (bool?)false), (f2.ConsecutiveErrors, f2.ErrorCode, f2.ErrorMessage, f2.ErrorTransient));
        Assert.Equal(T0.AddMinutes(1), f2.ErrorSince);
        Assert.Equal(("\"v1\"", "Mon, 02 Mar 2026 10:00:00 GMT"), (f2.ETag, f2.LastModified));
        Assert.Equal(T0, f2.LastCrawledAt);
        Assert.Equal(T0.AddMinutes(2), f2.LastAttemptAt);
        Assert.Equal((T0.AddHours(3), 7200), (f2.NextCrawlAt, f2.PollIntervalSeconds));
        var ok = (await store.SourceUpdateAfterCrawl(new SourceUpdateAfterCrawlParams(s.Id, SourceStatus.Active, false, null, null, null, "\"v2\"", null, T0.AddHours(4), 1800, T0.AddMinutes(3), Url: "https://b.example/feed")))!;
        Assert.Equal((0, (string?)null, (string?)null, (bool?)null, (DateTimeOffset?)null), (ok.ConsecutiveErrors, ok.ErrorCode, ok.ErrorMessage, ok.ErrorTransient, ok.ErrorSince));
        Assert.Equal(("https://b.example/feed", "https://a.example/feed"), (ok.Url, ok.NormalizedUrl));
        Assert.Equal(("\"v2\"", (string?)null, (DateTimeOffset?)T0.AddMinutes(3)), (ok.ETag, ok.LastModified, ok.LastCrawledAt));
        Assert.Null(await store.SourceUpdateAfterCrawl(new SourceUpdateAfterCrawlParams(999, SourceStatus.Active, false, null, null, null, null, null, T0, 1, T0)));
    }

    [Fact]
    public async Task SourceDelete_RemovesItemsAndKeepsLogsWithoutSource()
    {
        await using var store = await CreateStoreAsync();
        var s = await store.SourceUpsert(Src("ada", "https://a.example/feed"));
        await store.ItemUpsertMany(new ItemUpsertManyParams(s.Id, [Entry("g1")], T0));
        var log = await store.CrawlLogStart(new CrawlLogStartParams("ada", s.Id, null, CrawlLogValues.Manual, T0));
        Assert.False(await store.SourceDelete(new SourceDeleteParams(s.Id, "bob")));
        Assert.True(await store.SourceDelete(new SourceDeleteParams(s.Id, "ada")));
        Assert.Null(await store.SourceGet(new SourceGetParams(s.Id)));
        Assert.Empty(await store.ItemList(new ItemListParams(s.Id)));
        var kept = Assert.Single(await store.CrawlLogList(new CrawlLogListParams("ada")));
        Assert.Equal((log, (long?)null), (kept.Id, kept.SourceId));
    }
}
