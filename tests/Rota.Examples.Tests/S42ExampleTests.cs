using System.Net;
using System.Text.Json.Nodes;
using Rota.TestSupport;

namespace Rota.Examples.Tests;

/// <summary>examples/s42 (seed 004), driven as its README says, on SQLite and on PostgreSQL: the three scheduled
/// tasks, the five admin endpoints with the seed's fields, per-organisation RSS fetch creating crawl jobs, the queue
/// processor's per-cycle limit, the admin dashboard page, the nightly cleanup and the ENABLE_SCHEDULER flag.</summary>
public sealed class S42ExampleTests
{
    private static readonly DateTimeOffset Start = new(2026, 6, 1, 0, 30, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Scheduler_tasks_admin_endpoints_crawl_jobs_cleanup_and_feature_flag(string store)
    {
        await using var web = await LoopbackHttpServer.StartAsync();
        web.MapText("/org-a.xml", 200, Rss("Org A news", web, "a1", "a2", "a3"), "application/rss+xml");
        web.MapText("/org-b.xml", 200, Rss("Org B news", web, "b1", "b2"), "application/rss+xml");
        foreach (var page in new[] { "a1", "a2", "a3", "b1", "b2" })
            web.MapText($"/pages/{page}", 200, $"<html><head><title>Article {page}</title></head><body><p>Text of {page}</p></body></html>", "text/html; charset=utf-8");
        var env = new Dictionary<string, string> { ["ROTA_CRAWLER_ALLOW_LOOPBACK"] = "true" };
        await using var host = store == "sqlite" ? ExampleHost.Sqlite("s42", env) : ExampleHost.Postgres("s42", env);
        await host.StartAsync(clock: Start);
        using var api = host.Api();

        // GET /api/v1/scheduler/tasks: the seed's three tasks (and the crawl-job task they feed), with cron and next run.
        var list = await api.GetAsync("/api/v1/scheduler/tasks");
        Assert.Equal(4, list["count"]!.GetValue<int>());
        JsonNode Task(JsonNode l, string name) => l["tasks"]!.AsArray().Single(t => t!["name"]!.GetValue<string>() == name)!;
        Assert.Equal("0 * * * *", Task(list, "hourly-rss-fetch")["schedule"]!.GetValue<string>());
        Assert.Equal(Start.AddMinutes(30), ExampleApi.Instant(Task(list, "hourly-rss-fetch")["next_run_at"]));
        Assert.Equal("*/10 * * * *", Task(list, "queue-pending-jobs")["schedule"]!.GetValue<string>());
        Assert.Equal(Start.AddMinutes(10), ExampleApi.Instant(Task(list, "queue-pending-jobs")["next_run_at"]));
        Assert.Equal("0 0 * * *", Task(list, "nightly-cleanup")["schedule"]!.GetValue<string>());
        Assert.Equal(Start.AddDays(1).AddMinutes(-30), ExampleApi.Instant(Task(list, "nightly-cleanup")["next_run_at"]));
        Assert.All(list["tasks"]!.AsArray(), t => Assert.True(t!["enabled"]!.GetValue<bool>()));

        // Two organisations with one feed each.
        foreach (var (org, feed) in new[] { ("org-a", "/org-a.xml"), ("org-b", "/org-b.xml") })
        {
            var (exit, output) = await host.CliAsync(null, "source", "add", web.Url(feed), "--owner", org);
            Assert.True(exit == 0, output);
        }

        // POST /api/v1/scheduler/tasks/:name/run — the hourly RSS fetch, grouped per organisation, creates 5 crawl jobs.
        var fetch = await RunNowAsync(api, "hourly-rss-fetch", "{}");
        Assert.Equal("success", fetch["status"]!.GetValue<string>());
        var orgs = fetch["metadata"]!["orgs"]!.AsArray();
        Assert.Equal(["org-a", "org-b"], orgs.Select(o => o!["org"]!.GetValue<string>()));
        Assert.Equal([3, 2], orgs.Select(o => o!["jobs_created"]!.GetValue<int>()));
        Assert.Equal(2, fetch["metadata"]!["feeds_fetched"]!.GetValue<int>());
        Assert.Equal(5, fetch["metadata"]!["jobs_created"]!.GetValue<int>());
        Assert.NotNull(fetch["finished_at"]);
        Assert.True(fetch["duration_ms"]!.GetValue<double>() >= 0);

        // The queue processor takes at most `limit` jobs per cycle (100 in rota.yaml; 2 here); the rest wait.
        var cycle1 = await RunNowAsync(api, "queue-pending-jobs", """{"parameters": {"limit": 2}}""");
        Assert.Equal(2, cycle1["metadata"]!["jobs_enqueued"]!.GetValue<int>());
        Assert.Equal(3, cycle1["metadata"]!["jobs_remaining"]!.GetValue<int>());
        var cycle2 = await RunNowAsync(api, "queue-pending-jobs", "{}");
        Assert.Equal(100, cycle2["metadata"]!["limit"]!.GetValue<int>());
        Assert.Equal(0, cycle2["metadata"]!["jobs_remaining"]!.GetValue<int>());
        Assert.Equal(5, cycle1["metadata"]!["jobs_enqueued"]!.GetValue<int>() + cycle2["metadata"]!["jobs_enqueued"]!.GetValue<int>());
        // Each crawl job fetched its article once.
        for (var i = 0; i < 200 && (await api.RunsAsync("crawl-job")).Count(r => ExampleApi.Is(r!, "succeeded")) < 5; i++) await System.Threading.Tasks.Task.Delay(100);
        Assert.Equal(5, (await api.RunsAsync("crawl-job")).Count(r => ExampleApi.Is(r!, "succeeded")));
        Assert.Equal(5, web.Requests.Count(r => r.PathAndQuery.StartsWith("/pages/", StringComparison.Ordinal)));

        // POST /api/v1/scheduler/tasks/:id/toggle — off (no next run), then on again; bad input is refused by name.
        var id = Task(list, "queue-pending-jobs")["id"]!.GetValue<long>();
        var (status, body, _) = await api.PostAsync($"/api/v1/scheduler/tasks/{id}/toggle");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.False(body!["task"]!["enabled"]!.GetValue<bool>());
        Assert.Null(body["task"]!["next_run_at"]);
        (status, body, _) = await api.PostAsync($"/api/v1/scheduler/tasks/{id}/toggle", """{"enabled": true}""");
        Assert.True(body!["task"]!["enabled"]!.GetValue<bool>());
        (status, body, _) = await api.PostAsync($"/api/v1/scheduler/tasks/{id}/toggle", """{"enabled": "yes"}""");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("enabled", body!.ToJsonString());
        (status, _, _) = await api.PostAsync("/api/v1/scheduler/tasks/no-such-task/run");
        Assert.Equal(HttpStatusCode.NotFound, status);

        // GET /api/v1/scheduler/stats — the six figures of the dashboard's cards.
        var stats = await api.GetAsync("/api/v1/scheduler/stats");
        Assert.Equal(4, stats["total_tasks"]!.GetValue<int>());
        Assert.Equal(4, stats["enabled_tasks"]!.GetValue<int>());
        Assert.Equal(8, stats["total_runs"]!.GetValue<int>());
        Assert.Equal(8, stats["successful_runs"]!.GetValue<int>());
        Assert.Equal(0, stats["failed_runs"]!.GetValue<int>());
        Assert.Equal(8, stats["runs_last_24h"]!.GetValue<int>());

        // Admin only: a user's token is refused.
        var (created, _) = await host.CliAsync(null, "user", "create", "member", "--role", "user");
        Assert.Equal(0, created);
        var (_, tokenJson) = await host.CliAsync(null, "token", "create", "--user", "member", "--json");
        using (var member = host.Api(JsonNode.Parse(tokenJson)!["token"]!.GetValue<string>()))
            Assert.Equal(HttpStatusCode.Forbidden, (await member.SendAsync(HttpMethod.Get, "/api/v1/scheduler/stats")).Status);

        // The admin dashboard: six stat cards, the task table with toggles, Run now buttons and status badges.
        using (var dashboard = await DashboardSession.SignInAsync(host.Url, host.AdminToken))
        {
            var overview = await dashboard.GetStringAsync("/");
            foreach (var card in new[] { "Total Tasks", "Enabled", "Runs", "Success", "Failed", "Last 24h" }) Assert.Contains(card, overview);
            var tasks = await dashboard.GetStringAsync("/tasks");
            foreach (var name in new[] { "hourly-rss-fetch", "queue-pending-jobs", "nightly-cleanup" })
            {
                Assert.Contains($"Run {name} now", tasks);
                Assert.Contains($"Disable {name}", tasks);
            }
            Assert.Contains("0 * * * *", tasks);
        }

        // 61 days later, with ENABLE_SCHEDULER off (ROTA_SCHEDULER_ENABLED=false): nothing fires on its own, run now
        // still works, and the nightly cleanup removes the crawl jobs (> 30 days) and the runs (> 60 days).
        await host.StopAsync();
        await host.StartAsync(clock: Start.AddDays(61), extraEnvironment: new() { ["ROTA_SCHEDULER_ENABLED"] = "false" });
        Assert.Contains("scheduler OFF", host.Output);
        using var later = host.Api();
        var cleanup = await RunNowAsync(later, "nightly-cleanup", "{}");
        Assert.Equal("success", cleanup["status"]!.GetValue<string>());
        Assert.Equal(5, cleanup["metadata"]!["crawl_jobs_deleted"]!.GetValue<int>());
        Assert.Equal(2, cleanup["metadata"]!["crawl_logs_deleted"]!.GetValue<int>());
        var runs = (await later.GetAsync("/api/v1/scheduler/runs?limit=500"))["runs"]!.AsArray();
        Assert.All(runs, r => Assert.True(ExampleApi.Instant(r!["started_at"]) > Start.AddDays(1), $"a run older than 60 days is left: {r!.ToJsonString()}"));
        Assert.DoesNotContain(await later.RunsAsync("hourly-rss-fetch"), r => r!["trigger"]!.GetValue<string>() == "schedule");
        Assert.DoesNotContain(await later.RunsAsync("queue-pending-jobs"), r => r!["trigger"]!.GetValue<string>() == "schedule");
    }

    /// <summary>Run now through the seed's endpoint, wait for the end, and return the run as <c>/scheduler/runs</c> shows it.</summary>
    private static async Task<JsonNode> RunNowAsync(ExampleApi api, string task, string body)
    {
        var (status, queued, _) = await api.PostAsync($"/api/v1/scheduler/tasks/{task}/run", body);
        Assert.True(status == HttpStatusCode.Accepted, queued?.ToJsonString());
        Assert.True(queued!["success"]!.GetValue<bool>());
        var runId = queued["run_id"]!.GetValue<long>();
        await api.WaitEndedAsync(runId);
        var runs = (await api.GetAsync("/api/v1/scheduler/runs?limit=500"))["runs"]!.AsArray();
        return runs.Single(r => r!["id"]!.GetValue<long>() == runId)!;
    }

    private static string Rss(string title, LoopbackHttpServer web, params string[] pages) =>
        $"""<?xml version="1.0"?><rss version="2.0"><channel><title>{title}</title><link>{web.Url("/")}</link>"""
        + string.Concat(pages.Select(p => $"<item><guid>{p}</guid><title>Article {p}</title><link>{web.Url("/pages/" + p)}</link></item>"))
        + "</channel></rss>";
}
