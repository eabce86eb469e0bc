using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using Rota.Alerts;
using Rota.Alerts.Channels;
using Rota.Configuration;
using Rota.Runs;
using Rota.Storage;
using Rota.Tasks;

namespace Rota.Crawler.Tests.Crawling;

/// <summary>Seed 001's "webhook notifications for crawl completion": a real crawl of loopback feeds posts one signed
/// JSON notice with the crawl summary per finished crawl run — never grouped, never resolved.</summary>
public sealed class CrawlCompletedAlertTests
{
    private const string Secret = "crawl-hook-secret";

    [Fact]
    public async Task EveryFinishedCrawl_PostsOneSignedNoticeWithSummary_NoResolvedMessage()
    {
        await using var bed = await EngineBed.CreateAsync();
        bed.Server.MapText("/hook", 204);
        var doc = ConfigLoader.Parse($"""
            alerts:
              channels:
                hook:
                  type: webhook
                  url: {bed.Server.Url("/hook")}
                  secret: {Secret}
              rules:
                - name: crawl-done
                  kind: crawl_completed
                  channels: [hook]
            """, "yaml", "rota.yaml", new HashSet<string> { "crawl" });
        await bed.Store.AlertConfigSet(new AlertConfigSetParams(AlertConfigJson.Serialize(doc.Alerts!), bed.Time.GetUtcNow()));
        await using var alerter = new Alerter(bed.Engine, new AlertOptions { EvaluationInterval = Timeout.InfiniteTimeSpan, RetryDelay = TimeSpan.Zero, AllowLoopback = true },
            bed.Time, NullLoggerFactory.Instance);
        await alerter.StartAsync(CancellationToken.None);
        bed.Server.MapText("/feed/0", 200, TestFeeds.Rss("item-a", "item-b"), TestFeeds.RssType);
        bed.Server.MapText("/feed/1", 500, "boom");
        await bed.AddAsync("/feed/0");
        await bed.AddAsync("/feed/1");
        await bed.Engine.Client.ApplyAsync(new TaskDefinition { Name = "daily-crawl", Handler = "crawl", Parameters = new() { ["scope"] = "all" } });
        await bed.Engine.Client.ApplyAsync(new TaskDefinition { Name = "not-a-crawl", Handler = "noop" });

        var first = await RunAsync(bed, alerter, "daily-crawl");
        await RunAsync(bed, alerter, "not-a-crawl");
        var second = await RunAsync(bed, alerter, "daily-crawl");

        var posts = bed.Server.Requests.Where(r => r.PathAndQuery == "/hook").ToList();
        Assert.Equal(2, posts.Count);
        var body = JsonNode.Parse(posts[0].Body)!;
        Assert.True(WebhookSignature.Verify(Secret, posts[0].Header(WebhookSignature.TimestampHeader)!, Encoding.UTF8.GetBytes(posts[0].Body), posts[0].Header(WebhookSignature.Header)!));
        Assert.Equal(("crawl-done", "crawl_completed", "fired", $"daily-crawl#{first.Id}"),
            ((string?)body["rule"], (string?)body["kind"], (string?)body["state"], (string?)body["subject_key"]));
        Assert.Equal("[Rota] Daily Crawl completed", (string?)body["subject"]);
        var data = body["data"]!;
        Assert.Equal((first.Id, "daily-crawl", "partial", 2L, 1L, 1L, 0L, 2L, 2L),
            ((long)data["run_id"]!, (string?)data["task"], (string?)data["status"], (long)data["sources_crawled"]!, (long)data["successful"]!,
             (long)data["failed"]!, (long)data["partial"]!, (long)data["items_fetched"]!, (long)data["items_new"]!));
        Assert.Equal((long)(first.EndedAt!.Value - first.FirstStartedAt!.Value).TotalMilliseconds, (long)data["duration_ms"]!);
        Assert.Contains($"Run {first.Id} of daily-crawl finished (partial) in ", (string?)body["body"]);
        Assert.Contains("2 sources crawled, 1 successful, 1 failed, 0 partial; 2 items fetched, 2 new.", (string?)body["body"]);
        var again = JsonNode.Parse(posts[1].Body)!;
        Assert.Equal(($"daily-crawl#{second.Id}", 0L), ((string?)again["subject_key"], (long)again["data"]!["items_new"]!));
        Assert.Equal([AlertDeliveryValues.Fired, AlertDeliveryValues.Fired],
            (await bed.Store.AlertDeliveryList(new AlertDeliveryListParams(Rule: "crawl-done"))).Select(d => d.Kind));
        Assert.Empty(await bed.Store.AlertStateList(new AlertStateListParams("crawl-done")));
    }

    private static async Task<RunRecord> RunAsync(EngineBed bed, Alerter alerter, string task)
    {
        var id = (await bed.Engine.Client.TriggerAsync(new TriggerRequest(task))).RunId;
        await bed.Engine.RunDueAsync();
        await alerter.WhenIdleAsync();
        return (await bed.Store.RunGet(id))!;
    }
}
