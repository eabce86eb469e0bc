using System.Net;
using System.Text.Json.Nodes;
using Rota.TestSupport;

namespace Rota.Examples.Tests;

/// <summary>examples/creatorpulse (seed 001), driven as its README says, on SQLite and on PostgreSQL: a user's sources
/// added with <c>rota source add</c>, the four <c>/api/v1/crawl</c> endpoints with the seed's fields, transient and
/// permanent failures on the sources, and the daily 02:00 crawl in which more than 5 sources fail sending seed 001's
/// admin e-mail to a real SMTP server.</summary>
public sealed class CreatorPulseExampleTests
{
    private static readonly DateTimeOffset Noon = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Seven_sources_six_fail_crawl_endpoints_and_the_admin_mail(string store)
    {
        await using var smtp = await SmtpTestServer.StartAsync();
        await using var web = await LoopbackHttpServer.StartAsync();
        var feeds = new[] { "/f1.xml", "/f2.xml", "/f3.atom", "/f4.xml", "/f5.xml", "/f6.xml", "/f7.xml" };
        foreach (var (feed, i) in feeds.Select((f, i) => (f, i)))
        {
            if (feed.EndsWith(".atom", StringComparison.Ordinal)) web.MapText(feed, 200, Atom($"Feed {i + 1}", web, feed), "application/atom+xml");
            else web.MapText(feed, 200, Rss($"Feed {i + 1}", web, feed), "application/rss+xml");
        }
        var env = new Dictionary<string, string> { ["ROTA_CRAWLER_ALLOW_LOOPBACK"] = "true", ["ROTA_CRAWLER_MIN_INTERVAL_PER_HOST"] = "0s" };
        await using var host = store == "sqlite" ? ExampleHost.Sqlite("creatorpulse", env) : ExampleHost.Postgres("creatorpulse", env);
        // The README's one edit: the admin mail's SMTP server (here the test's).
        var config = host.Dir.File("rota.yaml");
        File.WriteAllText(config, File.ReadAllText(host.Config).Replace("port: 25", $"port: {smtp.Port}", StringComparison.Ordinal));
        host.Config = config;
        await host.StartAsync(clock: Noon);

        // A user with their own token adds seven feeds (RSS and Atom) with `rota source add`.
        var (exit, output) = await host.CliAsync(null, "user", "create", "creator", "--role", "user");
        Assert.True(exit == 0, output);
        (exit, output) = await host.CliAsync(null, "token", "create", "--user", "creator", "--json");
        Assert.True(exit == 0, output);
        var token = JsonNode.Parse(output)!["token"]!.GetValue<string>();
        (exit, output) = await host.CliAsync(token, "source", "add", web.Url(feeds[0]), "--name", "TechCrunch RSS");
        Assert.True(exit == 0, output);
        using var user = host.Api(token);
        foreach (var feed in feeds.Skip(1))
        {
            var (added, body, _) = await user.PostAsync("/api/v1/sources", $$"""{"input": "{{web.Url(feed)}}"}""");
            Assert.True(added is HttpStatusCode.Created or HttpStatusCode.OK, body?.ToJsonString());
        }

        // Six of them break: transient (500, 503, 429) and permanent (404, 401, a page that is not a feed).
        web.MapText("/f2.xml", 500, "boom");
        web.MapText("/f3.atom", 503, "maintenance", "text/plain", ("Retry-After", "120"));
        web.MapText("/f4.xml", 429, "slow down");
        web.MapText("/f5.xml", 404, "gone");
        web.MapText("/f6.xml", 401, "bad credentials");
        web.MapText("/f7.xml", 200, "<html><body>not a feed any more</body></html>", "text/html");

        // POST /api/v1/crawl/trigger — the seed's response fields.
        var (status, trigger, _) = await user.PostAsync("/api/v1/crawl/trigger");
        Assert.True(status == HttpStatusCode.OK, trigger?.ToJsonString());
        Assert.Equal("Manual crawl completed", trigger!["message"]!.GetValue<string>());
        Assert.Equal(7, trigger["sources_crawled"]!.GetValue<int>());
        Assert.Equal(1, trigger["successful"]!.GetValue<int>());
        Assert.True(trigger["failed"]!.GetValue<int>() == 6, trigger.ToJsonString());
        Assert.Equal(7, trigger["results"]!.AsArray().Count);

        // GET /api/v1/crawl/logs — one manual log per source, the seed's fields.
        var logs = await user.GetAsync("/api/v1/crawl/logs?limit=50");
        Assert.Equal(7, logs["count"]!.GetValue<int>());
        foreach (var field in new[] { "id", "source_id", "crawl_type", "status", "items_fetched", "items_new", "duration_ms", "started_at", "completed_at" })
            Assert.All(logs["logs"]!.AsArray(), l => Assert.True(l!.AsObject().ContainsKey(field), $"crawl log without '{field}': {l.ToJsonString()}"));
        Assert.All(logs["logs"]!.AsArray(), l => Assert.Equal("manual", l!["crawl_type"]!.GetValue<string>()));
        Assert.Equal(6, logs["logs"]!.AsArray().Count(l => l!["status"]!.GetValue<string>() == "failed"));
        var ok = logs["logs"]!.AsArray().Single(l => l!["status"]!.GetValue<string>() == "success")!;
        Assert.Equal(2, ok["items_fetched"]!.GetValue<int>());
        Assert.Equal(2, ok["items_new"]!.GetValue<int>());
        var one = await user.GetAsync($"/api/v1/crawl/logs?source_id={ok["source_id"]}");
        Assert.Equal(1, one["count"]!.GetValue<int>());

        // GET /api/v1/crawl/stats.
        var stats = await user.GetAsync("/api/v1/crawl/stats");
        Assert.Equal(7, stats["total_crawls"]!.GetValue<int>());
        Assert.Equal(1, stats["successful"]!.GetValue<int>());
        Assert.Equal(6, stats["failed"]!.GetValue<int>());
        Assert.Equal(0, stats["partial"]!.GetValue<int>());
        Assert.Equal(2, stats["total_items_fetched"]!.GetValue<int>());
        Assert.Equal(2, stats["total_items_new"]!.GetValue<int>());
        Assert.NotNull(stats["last_crawl_at"]);
        Assert.True(stats["avg_duration_ms"]!.GetValue<double>() >= 0);
        Assert.Equal(14.29, stats["success_rate"]!.GetValue<double>(), 2);

        // GET /api/v1/crawl/status — each source with type, status, error message and latest crawl; transient vs permanent.
        var crawlStatus = await user.GetAsync("/api/v1/crawl/status");
        Assert.Equal(7, crawlStatus["total"]!.GetValue<int>());
        Assert.Equal(1, crawlStatus["active"]!.GetValue<int>());
        Assert.True(crawlStatus["error"]!.GetValue<int>() == 6, crawlStatus.ToJsonString());
        var sources = crawlStatus["sources"]!.AsArray();
        var techcrunch = sources.Single(s => s!["name"]!.GetValue<string>() == "TechCrunch RSS")!;
        Assert.Equal("rss", techcrunch["type"]!.GetValue<string>());
        Assert.Equal("active", techcrunch["status"]!.GetValue<string>());
        Assert.NotNull(techcrunch["last_crawled_at"]);
        Assert.Null(techcrunch["error_message"]);
        Assert.Equal("success", techcrunch["latest_crawl"]!["status"]!.GetValue<string>());
        Assert.All(sources.Where(s => s != techcrunch), s =>
        {
            Assert.Equal("error", s!["status"]!.GetValue<string>());
            Assert.False(string.IsNullOrEmpty(s["error_message"]?.GetValue<string>()), s.ToJsonString());
        });
        var details = logs["logs"]!.AsArray().Where(l => l!["status"]!.GetValue<string>() == "failed")
            .Select(l => l!["error_details"]!["transient"]!.GetValue<bool>()).ToList();
        Assert.Equal(3, details.Count(t => t));     // 500, 503, 429: retried on a later crawl
        Assert.Equal(3, details.Count(t => !t));    // 404, 401, not a feed: need the user

        // Another user sees none of it.
        (exit, _) = await host.CliAsync(null, "user", "create", "other", "--role", "user");
        Assert.Equal(0, exit);
        (_, output) = await host.CliAsync(null, "token", "create", "--user", "other", "--json");
        using (var other = host.Api(JsonNode.Parse(output)!["token"]!.GetValue<string>()))
            Assert.Equal(0, (await other.GetAsync("/api/v1/crawl/status"))["total"]!.GetValue<int>());

        // 02:00 UTC the next day: the daily full crawl; 6 sources fail (> 5) — seed 001's admin e-mail.
        await host.StopAsync();
        await host.StartAsync(clock: Noon.AddHours(14).AddSeconds(-3));
        using var admin = host.Api();
        var daily = await admin.WaitForRunAsync("daily-crawl", r => r["trigger"]!.GetValue<string>() == "schedule", "at 02:00", seconds: 30);
        var ended = await admin.WaitEndedAsync(daily["id"]!.GetValue<long>(), seconds: 30);
        Assert.Equal("partial", ended["status"]!.GetValue<string>());
        Assert.Equal(6, ended["stats"]!["failed"]!.GetValue<int>());
        var mail = await WaitForMailAsync(smtp, "[CreatorPulse Alert] Daily Crawl Alert");
        Assert.Equal(["admin@localhost"], mail.To.Mailboxes.Select(m => m.Address));
        var text = (mail.TextBody ?? "").ReplaceLineEndings("\n");
        Assert.StartsWith("Alert from CreatorPulse Scheduled Crawl System\n\nSubject: Daily Crawl Alert\nTime: 2026-06-02T02:00:", text, StringComparison.Ordinal);
        Assert.Contains("\n\nDetails:\nDaily crawl had 6 failures\n\nPlease check the crawl logs for more information.", text, StringComparison.Ordinal);
        using var userAgain = host.Api(token);   // the restarted server listens on a new port
        var scheduledLogs = await userAgain.GetAsync("/api/v1/crawl/logs?limit=50");
        // The daily crawl logged every source; the hourly crawl (catching up after the restart) only the due ones.
        var dailyLogs = scheduledLogs["logs"]!.AsArray().Where(l => l!["run_id"]?.GetValue<long>() == daily["id"]!.GetValue<long>()).ToList();
        Assert.Equal(7, dailyLogs.Count);
        Assert.All(dailyLogs, l => Assert.Equal("scheduled", l!["crawl_type"]!.GetValue<string>()));
    }

    private static async Task<MimeKit.MimeMessage> WaitForMailAsync(SmtpTestServer smtp, string subject)
    {
        var sw = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var messages = smtp.Messages();
            if (messages.FirstOrDefault(m => m.Subject == subject) is { } hit) return hit;
            if (sw.Elapsed > TimeSpan.FromSeconds(20))
                Assert.Fail($"no mail '{subject}' within 20 s; got: {string.Join(" | ", messages.Select(m => m.Subject))}");
            await Task.Delay(100);
        }
    }

    private static string Rss(string title, LoopbackHttpServer web, string feed) =>
        $"""<?xml version="1.0"?><rss version="2.0"><channel><title>{title}</title><link>{web.Url("/")}</link>"""
        + $"""<item><guid>{feed}-1</guid><title>First</title><link>{web.Url(feed + "/1")}</link></item>"""
        + $"""<item><guid>{feed}-2</guid><title>Second</title><link>{web.Url(feed + "/2")}</link></item></channel></rss>""";

    private static string Atom(string title, LoopbackHttpServer web, string feed) =>
        $"""<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>{title}</title><id>{web.Url(feed)}</id><updated>2026-06-01T00:00:00Z</updated>"""
        + $"""<entry><id>{feed}-1</id><title>First</title><link href="{web.Url(feed + "/1")}"/><updated>2026-06-01T00:00:00Z</updated></entry></feed>""";
}
