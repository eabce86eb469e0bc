using System.Text.Json.Nodes;
using Rota.Storage;

namespace Rota.Storage.Tests;

public abstract partial class StoreConformanceTests
{
    [Fact]
    public async Task CrawlLogStartThenFinish_RoundTripsSeed001Fields()
    {
        await using var store = await CreateStoreAsync();
        var s = await store.SourceUpsert(Src("ada", "https://a.example/feed"));
        var id = await store.CrawlLogStart(new CrawlLogStartParams("ada", s.Id, 42, CrawlLogValues.Scheduled, T0, new JsonObject { ["url"] = "u" }));
        var started = Assert.Single(await store.CrawlLogList(new CrawlLogListParams()));
        Assert.Equal((CrawlLogValues.Started, (DateTimeOffset?)null, (long?)42), (started.Status, started.CompletedAt, started.RunId));
        Assert.True(await store.CrawlLogFinish(new CrawlLogFinishParams(id, CrawlLogValues.Failed, 3, 1, "fetch: 500", new JsonObject { ["code"] = "fetch.server_error" }, 250, T0.AddSeconds(1))));
        var log = Assert.Single(await store.CrawlLogList(new CrawlLogListParams(SourceId: s.Id)));
        Assert.Equal(("ada", (long?)s.Id, CrawlLogValues.Scheduled, CrawlLogValues.Failed, 3, 1), (log.Owner, log.SourceId, log.CrawlType, log.Status, log.ItemsFetched, log.ItemsNew));
        Assert.Equal(("fetch: 500", (long?)250, T0, (DateTimeOffset?)T0.AddSeconds(1)), (log.ErrorMessage, log.DurationMs, log.StartedAt, log.CompletedAt));
        Assert.Equal("{\"code\":\"fetch.server_error\"}", log.ErrorDetails!.ToJsonString());
        Assert.Equal("{\"url\":\"u\"}", log.Metadata!.ToJsonString());
        Assert.False(await store.CrawlLogFinish(new CrawlLogFinishParams(9999, CrawlLogValues.Success, 0, 0, null, null, 1, T0)));
    }

    [Fact]
    public async Task CrawlLogList_FiltersAndPagesNewestFirst()
    {
        await using var store = await CreateStoreAsync();
        var ids = new List<long>();
        foreach (var (owner, status) in new[] { ("ada", "success"), ("ada", "failed"), ("bob", "success"), ("ada", "success") })
        {
            var id = await store.CrawlLogStart(new CrawlLogStartParams(owner, null, null, CrawlLogValues.Manual, T0));
            await store.CrawlLogFinish(new CrawlLogFinishParams(id, status, 0, 0, null, null, 1, T0));
            ids.Add(id);
        }
        Assert.Equal([ids[3], ids[1], ids[0]], (await store.CrawlLogList(new CrawlLogListParams("ada"))).Select(l => l.Id));
        Assert.Equal([ids[3], ids[0]], (await store.CrawlLogList(new CrawlLogListParams("ada", Status: "success"))).Select(l => l.Id));
        Assert.Equal([ids[1]], (await store.CrawlLogList(new CrawlLogListParams("ada", BeforeId: ids[3], Limit: 1))).Select(l => l.Id));
    }

    [Fact]
    public async Task CrawlLogStats_CountsFinishedCrawlsOfTheOwner()
    {
        await using var store = await CreateStoreAsync();
        Assert.Equal(new CrawlLogStats(0, 0, 0, 0, 0, 0, null, 0, 0), await store.CrawlLogStats(new CrawlLogStatsParams("ada")));
        var rows = new[] { ("success", 10, 2, 100L), ("success", 5, 0, 200L), ("failed", 0, 0, 300L), ("partial", 4, 1, 400L) };
        for (var i = 0; i < rows.Length; i++)
        {
            var id = await store.CrawlLogStart(new CrawlLogStartParams("ada", null, null, CrawlLogValues.Scheduled, T0.AddMinutes(i)));
            await store.CrawlLogFinish(new CrawlLogFinishParams(id, rows[i].Item1, rows[i].Item2, rows[i].Item3, null, null, rows[i].Item4, T0.AddMinutes(i)));
        }
        await store.CrawlLogStart(new CrawlLogStartParams("ada", null, null, CrawlLogValues.Scheduled, T0.AddHours(1)));
        await store.CrawlLogStart(new CrawlLogStartParams("bob", null, null, CrawlLogValues.Scheduled, T0));
        var stats = await store.CrawlLogStats(new CrawlLogStatsParams("ada"));
        Assert.Equal(new CrawlLogStats(4, 2, 1, 1, 19, 3, T0.AddMinutes(3), 250, 50), stats);
    }

    [Fact]
    public async Task CrawlLogPrune_DeletesLogsStartedBeforeTheCutoff()
    {
        await using var store = await CreateStoreAsync();
        await store.CrawlLogStart(new CrawlLogStartParams("ada", null, null, CrawlLogValues.Manual, T0.AddDays(-31)));
        var keep = await store.CrawlLogStart(new CrawlLogStartParams("ada", null, null, CrawlLogValues.Manual, T0));
        Assert.Equal(1, await store.CrawlLogPrune(new CrawlLogPruneParams(T0.AddDays(-30))));
        Assert.Equal([keep], (await store.CrawlLogList(new CrawlLogListParams())).Select(l => l.Id));
    }
}
