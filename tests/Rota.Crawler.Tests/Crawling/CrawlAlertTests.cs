using Microsoft.Extensions.Logging.Abstractions;
using Rota.Alerts;
using Rota.Configuration;
using Rota.Runs;
using Rota.Scheduling;
using Rota.Storage;
using Rota.Tasks;
using Rota.TestSupport;

namespace Rota.Crawler.Tests.Crawling;

/// <summary>Seed 001's admin alert end to end: a real daily crawl in which more than 5 sources fail sends seed 001's
/// e-mail to a real SMTP server; the next crawl with every source healthy sends the resolved message.</summary>
public sealed class CrawlAlertTests
{
    [Fact]
    public async Task DailyCrawl_SixOfEightSourcesFail_SendsSeed001AdminMail_ThenResolvedWhenHealthy()
    {
        await using var smtp = await SmtpTestServer.StartAsync();
        await using var bed = await EngineBed.CreateAsync();
        var doc = ConfigLoader.Parse($"""
            alerts:
              channels:
                admin:
                  type: email
                  host: 127.0.0.1
                  port: {smtp.Port}
                  security: none
                  from: rota@example.org
                  to: [admin@example.org]
              rules:
                - name: crawl-failures
                  kind: sources_failed_in_crawl
                  channels: [admin]
            """, "yaml", "rota.yaml", new HashSet<string> { "crawl" });
        await bed.Store.AlertConfigSet(new AlertConfigSetParams(AlertConfigJson.Serialize(doc.Alerts!), bed.Time.GetUtcNow()));
        await using var alerter = new Alerter(bed.Engine, new AlertOptions { EvaluationInterval = Timeout.InfiniteTimeSpan, RetryDelay = TimeSpan.Zero }, bed.Time, NullLoggerFactory.Instance);
        await alerter.StartAsync(CancellationToken.None);
        for (var i = 0; i < 8; i++)
        {
            if (i < 2) bed.Server.MapText($"/feed/{i}", 200, TestFeeds.Rss($"item-{i}"), TestFeeds.RssType);
            else bed.Server.MapText($"/feed/{i}", 500, "boom");
            await bed.AddAsync($"/feed/{i}");
        }
        await bed.Engine.Client.ApplyAsync(new TaskDefinition
        {
            Name = "daily-crawl", Handler = "crawl", Parameters = new() { ["scope"] = "all" },
            Schedules = [new ScheduleDefinition { Specs = [TriggerSpec.ForCron("0 2 * * *")] }],
        });

        bed.Time.Advance(TimeSpan.FromHours(14));  // 2026-03-02 02:00 UTC
        await bed.Engine.RunDueAsync();
        await alerter.WhenIdleAsync();

        var run = Assert.Single(await bed.Store.RunList(new RunListParams { TaskName = "daily-crawl" }));
        Assert.Equal(RunStatus.Partial, run.Status);
        var mail = Assert.Single(await smtp.WaitForAsync(1));
        Assert.Equal("[Rota Alert] Daily Crawl Alert", mail.Subject);
        Assert.Equal(["admin@example.org"], mail.To.Mailboxes.Select(m => m.Address));
        Assert.Equal("""
            Alert from Rota Scheduled Crawl System

            Subject: Daily Crawl Alert
            Time: 2026-03-02T02:00:00Z

            Details:
            Daily crawl had 6 failures

            Please check the crawl logs for more information.

            """.ReplaceLineEndings("\n"), mail.TextBody!.ReplaceLineEndings("\n"));

        for (var i = 2; i < 8; i++) bed.Server.MapText($"/feed/{i}", 200, TestFeeds.Rss($"item-{i}"), TestFeeds.RssType);
        bed.Time.Advance(TimeSpan.FromDays(1));
        await bed.Engine.RunDueAsync();
        await alerter.WhenIdleAsync();

        var mails = await smtp.WaitForAsync(2);
        Assert.Equal(2, mails.Count);
        Assert.Equal("[Rota Resolved] Daily Crawl Alert", mails[1].Subject);
        Assert.Contains("Daily crawl had 0 failures of 8 sources.", mails[1].TextBody);
        Assert.Equal([AlertDeliveryValues.Resolved, AlertDeliveryValues.Fired],
            (await bed.Store.AlertDeliveryList(new AlertDeliveryListParams(Rule: "crawl-failures"))).Select(d => d.Kind));
    }
}
