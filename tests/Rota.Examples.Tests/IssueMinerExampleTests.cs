using System.Net;
using System.Text.Json.Nodes;

namespace Rota.Examples.Tests;

/// <summary>examples/issue-miner (seed 002), driven as its README says: the scheduler and worker status endpoints,
/// the daily 02:00 job with a 1 h misfire grace and coalescing, on-demand sync / analyze / pipeline with their
/// parameters, one on-demand run at a time (409), admins only (403), 5 per hour (429).</summary>
public sealed class IssueMinerExampleTests
{
    private static readonly DateTimeOffset Day1 = new(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Daily_job_misfire_grace_and_the_on_demand_worker_behave_as_the_seed_describes()
    {
        await using var host = ExampleHost.Sqlite("issue-miner");
        await host.StartAsync(clock: Day1.AddHours(2).AddSeconds(-4));
        using var api = host.Api();

        // GET /api/tasks/scheduler/status: each scheduled job with its next run and trigger.
        var jobs = (await api.GetAsync("/api/v1/tasks/scheduler/status")).AsArray();
        var daily = jobs.Single(j => j!["id"]!.GetValue<string>() == "daily-sync")!;
        Assert.Equal("Daily Zendesk Sync", daily["name"]!.GetValue<string>());
        Assert.Equal("cron[0 2 * * *]", daily["trigger"]!.GetValue<string>());
        // 02:00 today, or tomorrow when a slow start let today's fire first (the run is checked below).
        Assert.Contains(ExampleApi.Instant(daily["next_run"]), new DateTimeOffset?[] { Day1.AddHours(2), Day1.AddDays(1).AddHours(2) });
        var hourly = jobs.Single(j => j!["id"]!.GetValue<string>() == "hourly-trends")!;
        Assert.Equal("Hourly Trends Update", hourly["name"]!.GetValue<string>());
        Assert.Equal("interval[01:00:00]", hourly["trigger"]!.GetValue<string>());
        Assert.DoesNotContain(jobs, j => j!["id"]!.GetValue<string>() is "sync" or "analyze" or "pipeline");

        // `rota task show daily-sync`: the policy and the next fires.
        var (shown, show) = await host.CliAsync(null, "task", "show", "daily-sync");
        Assert.True(shown == 0, show);
        Assert.Contains("misfire: coalesce", show);
        Assert.Contains("At 02:00, every day", show);
        Assert.Contains("02:00:00Z", show);

        // 02:00 comes: the daily job runs the whole pipeline on time.
        var first = await api.WaitForRunAsync("daily-sync", r => ExampleApi.Is(r, "succeeded"), "succeeded at 02:00");
        Assert.Equal(Day1.AddHours(2), ExampleApi.Instant(first["nominal_time"]));
        Assert.Equal("schedule", first["trigger"]!.GetValue<string>());
        Assert.Equal(20, first["stats"]!["sync"]!["tickets_synced"]!.GetValue<int>());

        // POST /api/tasks/sync {"backfill_days": 3}: 202 and the run; the worker is running with progress text.
        var (status, body, _) = await api.PostAsync("/api/v1/tasks/sync", """{"backfill_days": 3}""");
        Assert.Equal(HttpStatusCode.Accepted, status);
        var syncRun = body!["run_id"]!.GetValue<long>();
        Assert.Equal(3, body["parameters"]!["backfill_days"]!.GetValue<int>());
        // One on-demand run at a time: analyze while sync runs is refused, naming the running run.
        var (busy, problem, _) = await api.PostAsync("/api/v1/tasks/analyze", """{"batch_size": 50}""");
        Assert.Equal(HttpStatusCode.Conflict, busy);
        Assert.Equal("run.on_demand_busy", problem!["code"]!.GetValue<string>());
        Assert.Equal(syncRun, problem["running_run_id"]!.GetValue<long>());
        var worker = await api.WaitForWorkerAsync(w => w["progress"] is not null);
        Assert.True(worker["is_running"]!.GetValue<bool>(), worker.ToJsonString());
        Assert.StartsWith("Syncing tickets from Zendesk (day ", worker["progress"]!.GetValue<string>());
        Assert.Equal("running", worker["status"]!.GetValue<string>());
        Assert.NotNull(worker["started_at"]);
        Assert.Null(worker["completed_at"]);

        var ended = await api.WaitEndedAsync(syncRun);
        Assert.Equal("succeeded", ended["status"]!.GetValue<string>());
        worker = await api.GetAsync("/api/v1/tasks/worker/status");
        Assert.False(worker["is_running"]!.GetValue<bool>());
        Assert.Equal("completed", worker["status"]!.GetValue<string>());
        Assert.Equal(60, worker["last_result"]!["tickets_synced"]!.GetValue<int>());
        Assert.Null(worker["last_error"]);
        Assert.NotNull(worker["completed_at"]);

        // POST /api/tasks/analyze {"batch_size": 50}: the batch size reaches the handler and its progress text.
        (status, body, _) = await api.PostAsync("/api/v1/tasks/analyze", """{"batch_size": 50}""");
        Assert.Equal(HttpStatusCode.Accepted, status);
        var analyzeRun = body!["run_id"]!.GetValue<long>();
        worker = await api.WaitForWorkerAsync(w => w["progress"] is not null);
        Assert.Equal("Analyzing tickets (batch size: 50)...", worker["progress"]!.GetValue<string>());
        await api.WaitEndedAsync(analyzeRun);
        worker = await api.GetAsync("/api/v1/tasks/worker/status");
        Assert.Equal(50, worker["last_result"]!["tickets_analyzed"]!.GetValue<int>());

        // Admin only: a user's token gets 403 and starts nothing.
        var (created, _) = await host.CliAsync(null, "user", "create", "viewer", "--role", "user");
        Assert.Equal(0, created);
        var (made, tokenJson) = await host.CliAsync(null, "token", "create", "--user", "viewer", "--json");
        Assert.Equal(0, made);
        using var viewer = host.Api(JsonNode.Parse(tokenJson)!["token"]!.GetValue<string>());
        var (forbidden, refusal, _) = await viewer.PostAsync("/api/v1/tasks/pipeline", "{}");
        Assert.Equal(HttpStatusCode.Forbidden, forbidden);
        Assert.Equal("auth.forbidden", refusal!["code"]!.GetValue<string>());

        // POST /api/tasks/pipeline: the 4th on-demand request of this admin this hour; the 5th is allowed, the 6th is 429.
        (status, body, _) = await api.PostAsync("/api/v1/tasks/pipeline", """{"backfill_days": 1, "batch_size": 10}""");
        Assert.Equal(HttpStatusCode.Accepted, status);
        var pipeline = await api.WaitEndedAsync(body!["run_id"]!.GetValue<long>());
        Assert.Equal(10, pipeline["stats"]!["analyze"]!["batch_size"]!.GetValue<int>());
        Assert.NotNull(pipeline["stats"]!["cluster"]);
        (status, _, _) = await api.PostAsync("/api/v1/tasks/sync", "{}");
        Assert.Equal(HttpStatusCode.Accepted, status);
        var (limited, tooMany, headers) = await api.PostAsync("/api/v1/tasks/sync", "{}");
        Assert.Equal((HttpStatusCode)429, limited);
        Assert.Equal("request.rate_limited", tooMany!["code"]!.GetValue<string>());
        Assert.NotNull(headers.RetryAfter);

        // Misfire: down from day 1 until day 3, 02:40. Day 2's 02:00 is older than the 1 h grace: missed. Day 3's 02:00
        // is 40 min late: within the grace, so it runs once, at once.
        await host.StopAsync();
        await host.StartAsync(clock: Day1.AddDays(2).AddHours(2).AddMinutes(40));
        using var api2 = host.Api();
        var late = await api2.WaitForRunAsync("daily-sync", r => ExampleApi.Instant(r["nominal_time"]) == Day1.AddDays(2).AddHours(2) && ExampleApi.Is(r, "succeeded"), "for day 3 02:00");
        Assert.True(late["lateness_ms"]!.GetValue<double>() >= TimeSpan.FromMinutes(40).TotalMilliseconds, late.ToJsonString());
        var runs = await api2.RunsAsync("daily-sync");
        var day2 = runs.Single(r => ExampleApi.Instant(r!["nominal_time"]) == Day1.AddDays(1).AddHours(2))!;
        Assert.Equal("missed", day2["status"]!.GetValue<string>());
        Assert.Contains("catchup window", day2["reason"]!.GetValue<string>());
        // The hourly job missed 47 hours: the one within the window ran, every other is recorded, not run.
        var trends = await api2.WaitForRunAsync("hourly-trends", r => ExampleApi.Instant(r["nominal_time"]) == Day1.AddDays(2).AddHours(2) && ExampleApi.Is(r, "succeeded"), "for day 3 02:00");
        Assert.NotNull(trends);
        Assert.True((await api2.RunsAsync("hourly-trends")).Count(r => ExampleApi.Is(r!, "missed")) >= 40);

        // Down again until day 4, 03:30: 02:00 is 90 min late, beyond the grace: missed, nothing runs.
        await host.StopAsync();
        await host.StartAsync(clock: Day1.AddDays(3).AddHours(3).AddMinutes(30));
        using var api3 = host.Api();
        var day4 = await api3.WaitForRunAsync("daily-sync", r => ExampleApi.Instant(r["nominal_time"]) == Day1.AddDays(3).AddHours(2), "recorded for day 4 02:00");
        Assert.Equal("missed", day4["status"]!.GetValue<string>());
        var next = (await api3.GetAsync("/api/v1/tasks/scheduler/status")).AsArray().Single(j => j!["id"]!.GetValue<string>() == "daily-sync")!;
        Assert.Equal(Day1.AddDays(4).AddHours(2), ExampleApi.Instant(next["next_run"]));
    }
}
