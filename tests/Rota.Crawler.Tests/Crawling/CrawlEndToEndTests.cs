using Microsoft.AspNetCore.Http;
using Rota.Runs;
using Rota.Scheduling;
using Rota.Storage;
using Rota.Tasks;

namespace Rota.Crawler.Tests.Crawling;

/// <summary>50 sources on one loopback server — RSS, Atom and JSON Feed, conditional GET, redirects, transient and
/// permanent failures, 410, 429 and partial feeds — crawled twice by the hourly <c>crawl</c> task of a real engine.</summary>
public sealed class CrawlEndToEndTests
{
    private sealed record Case(string Kind, int Count, string Pass1, string Status1, int New1, string? Pass2, string Status2, int New2);

    // Pass 2 is the next hour: only sources due again are crawled (404, 410, 429 and unparseable ones wait longer).
    private static readonly Case[] Cases =
    [
        new("rss", 10, "success", "active", 3, "success", "active", 0),
        new("atom", 8, "success", "active", 3, "success", "active", 0),
        new("json", 8, "success", "active", 3, "success", "active", 0),
        new("growing", 4, "success", "active", 2, "success", "active", 1),
        new("moved301", 4, "success", "active", 3, "success", "active", 0),
        new("temp302", 2, "success", "active", 3, "success", "active", 0),
        new("down500", 3, "failed", "error", 0, "failed", "error", 0),
        new("missing404", 2, "failed", "error", 0, null, "error", 0),
        new("gone410", 2, "failed", "disabled", 0, null, "disabled", 0),
        new("limited429", 2, "failed", "error", 0, null, "error", 0),
        new("partial", 3, "partial", "active", 1, "partial", "active", 0),
        new("notfeed", 2, "failed", "error", 0, null, "error", 0),
    ];

    [Fact]
    public async Task HourlyCrawlTask_FiftySources_LogsStatusesAndItemsExactly_SecondPassStoresNoDuplicates()
    {
        await using var bed = await EngineBed.CreateAsync();
        var sources = new List<(Case Case, SourceRow Row)>();
        var n = 0;
        foreach (var c in Cases)
            for (var i = 0; i < c.Count; i++, n++)
            {
                Serve(bed, c.Kind, n);
                sources.Add((c, await bed.AddAsync($"/{c.Kind}/{n}")));
            }
        Assert.Equal(50, sources.Count);
        await bed.Engine.Client.ApplyAsync(new TaskDefinition
        {
            Name = "crawl-hourly", Handler = "crawl", Parameters = new() { ["scope"] = "due" },
            Schedules = [new ScheduleDefinition { Specs = [TriggerSpec.ForCron("0 * * * *")] }],
        });

        bed.Time.Advance(TimeSpan.FromHours(1));
        await bed.Engine.RunDueAsync();
        var run1 = Assert.Single(await bed.Store.RunList(new RunListParams { TaskName = "crawl-hourly" }));
        Assert.Equal(RunStatus.Partial, run1.Status);
        Assert.Equal((50, 36, 11, 3, 110, 107), Stats(run1));
        Assert.Equal(50, run1.Stats!["results"]!.AsArray().Count);

        bed.Time.Advance(TimeSpan.FromHours(1));
        await bed.Engine.RunDueAsync();
        var run2 = (await bed.Store.RunList(new RunListParams { TaskName = "crawl-hourly" })).Single(r => r.Id != run1.Id);
        Assert.Equal((42, 36, 3, 3, 4 * 3 + 3 * 2, 4), Stats(run2));

        foreach (var (c, row) in sources)
        {
            var logs = (await bed.Store.CrawlLogList(new CrawlLogListParams(SourceId: row.Id))).Reverse().ToList();
            var expected = c.Pass2 is null ? new[] { c.Pass1 } : [c.Pass1, c.Pass2];
            Assert.True(expected.SequenceEqual(logs.Select(l => l.Status)), $"{c.Kind} {row.Id}: logs {string.Join(",", logs.Select(l => l.Status))}");
            Assert.All(logs, l => Assert.Equal(("ada", CrawlLogValues.Scheduled), (l.Owner, l.CrawlType)));
            Assert.Equal(c.New1, logs[0].ItemsNew);
            if (c.Pass2 is not null) Assert.Equal(c.New2, logs[1].ItemsNew);
            var now = (await bed.Store.SourceGet(new SourceGetParams(row.Id)))!;
            Assert.True(c.Status2 == now.Status, $"{c.Kind} {row.Id}: status {now.Status}");
            Assert.Equal(c.New1 + c.New2, now.ItemsTotal);
            Assert.Equal(c.New1 + c.New2, (await bed.Store.ItemList(new ItemListParams(row.Id, Limit: 100))).Count);
        }
        var moved = sources.First(s => s.Case.Kind == "moved301").Row;
        Assert.Equal(bed.Server.Url($"/final/{moved.Id - 1}"), (await bed.Store.SourceGet(new SourceGetParams(moved.Id)))!.Url);
        var limited = sources.First(s => s.Case.Kind == "limited429").Row;
        Assert.Equal(EngineBed.Start.AddHours(1).AddSeconds(7200), (await bed.Store.SourceGet(new SourceGetParams(limited.Id)))!.NextCrawlAt);
        var stats = await bed.Store.CrawlLogStats(new CrawlLogStatsParams("ada"));
        Assert.Equal((92L, 72L, 14L, 6L, 111L), (stats.TotalCrawls, stats.Successful, stats.Failed, stats.Partial, stats.TotalItemsNew));
    }

    private static (int, int, int, int, int, int) Stats(RunRecord run)
    {
        var s = run.Stats!;
        int I(string k) => s[k]!.GetValue<int>();
        return (I("sources_crawled"), I("successful"), I("failed"), I("partial"), I("items_fetched"), I("items_new"));
    }

    private static void Serve(EngineBed bed, string kind, int n)
    {
        var s = bed.Server;
        var path = $"/{kind}/{n}";
        var ids = Enumerable.Range(0, 3).Select(i => $"{kind}-{n}-{i}").ToArray();
        switch (kind)
        {
            case "rss": Conditional(s, path, TestFeeds.Rss(ids), TestFeeds.RssType, n); break;
            case "atom": Conditional(s, path, TestFeeds.Atom(ids), TestFeeds.AtomType, n); break;
            case "json": Conditional(s, path, TestFeeds.Json(ids), TestFeeds.JsonType, n); break;
            case "growing":
                var hits = 0;
                s.Map(path, ctx =>
                {
                    var count = Interlocked.Increment(ref hits) == 1 ? 2 : 3;
                    ctx.Response.ContentType = TestFeeds.RssType;
                    return ctx.Response.WriteAsync(TestFeeds.Rss([.. ids.Take(count)]));
                });
                break;
            case "moved301":
            case "temp302":
                Conditional(s, $"/final/{n}", TestFeeds.Rss(ids), TestFeeds.RssType, n);
                s.MapRedirect(path, s.Url($"/final/{n}"), kind == "moved301" ? 301 : 302);
                break;
            case "down500": s.MapText(path, 500, "boom"); break;
            case "missing404": s.MapText(path, 404, "no"); break;
            case "gone410": s.MapText(path, 410, "gone"); break;
            case "limited429": s.MapText(path, 429, "later", headers: ("Retry-After", "7200")); break;
            case "partial": s.MapText(path, 200, TestFeeds.RssWithUnkeyedItem().Replace("k1", $"k{n}", StringComparison.Ordinal), TestFeeds.RssType); break;
            case "notfeed": s.MapText(path, 200, "<html><body>not a feed</body></html>", "text/html"); break;
        }
    }

    private static void Conditional(TestSupport.LoopbackHttpServer s, string path, string body, string type, int n)
    {
        var etag = $"\"e{n}\"";
        s.Map(path, async ctx =>
        {
            if (ctx.Request.Headers.IfNoneMatch == etag) { ctx.Response.StatusCode = 304; return; }
            ctx.Response.Headers.ETag = etag;
            ctx.Response.ContentType = type;
            await ctx.Response.WriteAsync(body);
        });
    }
}
