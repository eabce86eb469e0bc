using System.Text.Json.Nodes;
using Rota.Storage;

namespace Rota.Storage.Tests;

/// <summary>What the predictive crawl schedule reads and writes: item times, the source's own mode and the explanation.</summary>
public abstract partial class StoreConformanceTests
{
    [Fact]
    public async Task ItemTimeList_NewestFirst_PublishedAndFirstSeen_OnlyThatSource_Limited()
    {
        await using var store = await CreateStoreAsync();
        var s = await store.SourceUpsert(Src("ada", "https://a.example/feed"));
        var other = await store.SourceUpsert(Src("ada", "https://b.example/feed"));
        await store.ItemUpsertMany(new ItemUpsertManyParams(s.Id, [Entry("g1") with { PublishedAt = T0.AddHours(-5) }], T0.AddHours(-4)));
        await store.ItemUpsertMany(new ItemUpsertManyParams(s.Id, [Entry("g2") with { PublishedAt = null }], T0.AddHours(-2)));
        await store.ItemUpsertMany(new ItemUpsertManyParams(s.Id, [Entry("g3") with { PublishedAt = T0.AddMinutes(-30) }], T0));
        await store.ItemUpsertMany(new ItemUpsertManyParams(other.Id, [Entry("x1")], T0));

        var all = await store.ItemTimeList(new ItemTimeListParams(s.Id));
        Assert.Equal(
            [new ItemTimes(T0.AddMinutes(-30), T0), new ItemTimes(null, T0.AddHours(-2)), new ItemTimes(T0.AddHours(-5), T0.AddHours(-4))],
            all);
        Assert.Equal([new ItemTimes(T0.AddMinutes(-30), T0), new ItemTimes(null, T0.AddHours(-2))], await store.ItemTimeList(new ItemTimeListParams(s.Id, 2)));
        Assert.Empty(await store.ItemTimeList(new ItemTimeListParams(99999)));
    }

    [Fact]
    public async Task SourceSetSchedule_SetsAndClearsModeInMetadata_KeepsOtherKeys_OwnerScoped()
    {
        await using var store = await CreateStoreAsync();
        var s = await store.SourceUpsert(Src("ada", "https://a.example/feed") with { Metadata = new JsonObject { ["category"] = "news" } });

        var set = await store.SourceSetSchedule(new SourceSetScheduleParams(s.Id, "ada", "fixed", "fixed interval 2h", 7200, T0.AddHours(2), T0.AddMinutes(1)));
        Assert.Equal(("fixed", "fixed interval 2h", "news"), (Text(set!.Metadata, "schedule"), Text(set.Metadata, "schedule_reason"), Text(set.Metadata, "category")));
        Assert.Equal((7200, (DateTimeOffset?)T0.AddHours(2), T0.AddMinutes(1)), (set.PollIntervalSeconds, set.NextCrawlAt, set.UpdatedAt));

        Assert.Null(await store.SourceSetSchedule(new SourceSetScheduleParams(s.Id, "bob", "adaptive", null, null, null, T0)));
        Assert.Null(await store.SourceSetSchedule(new SourceSetScheduleParams(99999, null, "adaptive", null, null, null, T0)));

        // Null mode: back to the crawler's default; interval and next crawl kept when not given.
        var cleared = await store.SourceSetSchedule(new SourceSetScheduleParams(s.Id, null, null, "reset", null, null, T0.AddMinutes(2)));
        Assert.Null(cleared!.Metadata!["schedule"]);
        Assert.False(cleared.Metadata.ContainsKey("schedule"));
        Assert.Equal(("reset", "news", 7200, (DateTimeOffset?)T0.AddHours(2)),
            (Text(cleared.Metadata, "schedule_reason"), Text(cleared.Metadata, "category"), cleared.PollIntervalSeconds, cleared.NextCrawlAt));
        Assert.Equal("reset", Text((await store.SourceGet(new SourceGetParams(s.Id)))!.Metadata, "schedule_reason"));
    }

    [Fact]
    public async Task SourceUpdateAfterCrawl_StoresTheScheduleReason_AndKeepsItWhenNoneGiven()
    {
        await using var store = await CreateStoreAsync();
        var s = await store.SourceUpsert(Src("ada", "https://a.example/feed"));
        await store.SourceSetSchedule(new SourceSetScheduleParams(s.Id, null, "predictive", null, null, null, T0));

        var first = await store.SourceUpdateAfterCrawl(new SourceUpdateAfterCrawlParams(s.Id, SourceStatus.Active, false, null, null, null, null, null,
            T0.AddHours(3), 10800, T0, ScheduleReason: "expected 1.0 new item(s) by Mon 09:00 UTC"));
        Assert.Equal(("predictive", "expected 1.0 new item(s) by Mon 09:00 UTC"), (Text(first!.Metadata, "schedule"), Text(first.Metadata, "schedule_reason")));

        var second = await store.SourceUpdateAfterCrawl(new SourceUpdateAfterCrawlParams(s.Id, SourceStatus.Active, false, null, null, null, null, null,
            T0.AddHours(4), 3600, T0.AddHours(3)));
        Assert.Equal(("predictive", "expected 1.0 new item(s) by Mon 09:00 UTC", 3600), (Text(second!.Metadata, "schedule"), Text(second.Metadata, "schedule_reason"), second.PollIntervalSeconds));
    }

    private static string? Text(JsonObject? metadata, string key) => metadata?[key]?.GetValue<string>();
}
