using System.Text.Json.Nodes;
using Rota.TestSupport;

namespace Rota.Examples.Tests;

/// <summary>examples/sem-catalogue (seed 000), driven as its README says: the 02:00 UTC pipeline of four steps that
/// continue on failure, the step log with each step's stats, run-one with the seed's options as parameters, 301/302
/// recorded and skipped, trailing slashes normalised, only 200 catalogued.</summary>
public sealed class SemCatalogueExampleTests
{
    private static readonly DateTimeOffset BeforeTwo = new(2026, 6, 1, 1, 59, 57, TimeSpan.Zero);

    [Fact]
    public async Task Daily_pipeline_continues_past_a_failed_step_and_one_step_runs_alone()
    {
        await using var web = await LoopbackHttpServer.StartAsync();
        // Airtable: /pages/a appears twice (with and without the trailing slash) — one catalogue row.
        web.MapText("/airtable.json", 200, $$"""
            [{"url": "{{web.Url("/pages/a/")}}"}, {"url": "{{web.Url("/pages/a")}}"}, {"url": "{{web.Url("/pages/b")}}"},
             {"url": "{{web.Url("/pages/old")}}"}, {"url": "{{web.Url("/pages/moved")}}"}, {"url": "{{web.Url("/pages/quiet")}}"}]
            """, "application/json");
        web.MapText("/crawler.json", 500, "crawler API down");
        // BigQuery: /pages/quiet/ (trailing slash) has 0 sessions and matches the catalogue's /pages/quiet.
        web.MapText("/sessions.json", 200, $$"""[{"url": "{{web.Url("/pages/quiet/")}}", "sessions": 0}, {"url": "{{web.Url("/pages/b")}}", "sessions": 12}]""", "application/json");
        web.MapText("/pages/a/", 200, "<html><title>Page A</title></html>", "text/html");
        web.MapText("/pages/b", 200, "<html><title>Page B</title></html>", "text/html");
        web.MapRedirect("/pages/old", web.Url("/pages/new"), 301);
        web.MapRedirect("/pages/moved", web.Url("/pages/b"), 302);
        web.MapText("/pages/quiet", 200, "<html><title>Quiet</title></html>", "text/html");
        var env = new Dictionary<string, string>
        {
            ["SEM_AIRTABLE_URL"] = web.Url("/airtable.json"), ["SEM_CRAWLER_URL"] = web.Url("/crawler.json"), ["SEM_SESSIONS_URL"] = web.Url("/sessions.json"),
        };
        await using var host = ExampleHost.Sqlite("sem-catalogue", env);
        await host.StartAsync(clock: BeforeTwo);
        using var api = host.Api();

        // 02:00 UTC: the scheduled pipeline run; step 2 fails, steps 3 and 4 still run; the pipeline ends partial.
        var daily = await api.WaitForRunAsync("sem-daily", r => r["trigger"]!.GetValue<string>() == "schedule", "at 02:00", seconds: 30);
        Assert.Equal(BeforeTwo.AddSeconds(3), ExampleApi.Instant(daily["nominal_time"]));
        var ended = await api.WaitEndedAsync(daily["id"]!.GetValue<long>(), seconds: 30);
        Assert.Equal("partial", ended["status"]!.GetValue<string>());

        // `rota pipeline log ID`: per step task, started, completed, status, stats, error.
        var (exit, text) = await host.CliAsync(null, "pipeline", "log", daily["id"]!.ToString());
        Assert.True(exit == 0, text);
        foreach (var column in new[] { "Step", "Started (UTC)", "Completed (UTC)", "Status", "Stats", "Error" }) Assert.Contains(column, text);
        Assert.Contains("upstream_failed", text);
        var log = await PipelineLogAsync(host, daily["id"]!.GetValue<long>());
        Assert.Equal(["airtable-sync", "crawler-check", "zero-sessions", "llm-cataloguing"], log.Select(s => s["step"]!.GetValue<string>()));
        Assert.Equal(["succeeded", "failed", "succeeded", "succeeded"], log.Select(s => s["status"]!.GetValue<string>()));
        Assert.All(log, s => Assert.NotNull(s["ended_at"]));
        Assert.Contains("500", log[1]["error"]!["message"]!.GetValue<string>());

        var sync = log[0]["stats"]!;
        Assert.Equal(6, sync["records"]!.GetValue<int>());
        Assert.Equal(5, sync["new_urls"]!.GetValue<int>());   // /pages/a and /pages/a/ are one URL
        var zero = log[2]["stats"]!;
        Assert.Equal(1, zero["zero_sessions"]!.GetValue<int>());
        Assert.Equal(1, zero["paused"]!.GetValue<int>());        // the task's auto_update: true
        var cataloguing = log[3]["stats"]!;
        Assert.Equal(4, cataloguing["processed"]!.GetValue<int>());   // /pages/quiet is paused, not processed
        Assert.Equal(2, cataloguing["catalogued"]!.GetValue<int>());
        Assert.Equal(2, cataloguing["skipped"]!.GetValue<int>());
        var redirects = cataloguing["redirects"]!.AsArray();
        Assert.Equal([301, 302], redirects.Select(r => r!["status"]!.GetValue<int>()).Order());
        Assert.Contains(redirects, r => r!["location"]!.GetValue<string>() == web.Url("/pages/new"));
        // Redirects were recorded, not followed: /pages/new was never requested, and only 200 pages were catalogued.
        Assert.DoesNotContain(web.Requests, r => r.PathAndQuery == "/pages/new");
        Assert.DoesNotContain(web.Requests, r => r.PathAndQuery == "/pages/quiet");
        var catalogue = JsonNode.Parse(File.ReadAllText(host.Dir.File("sem-catalogue.json")))!.AsObject();
        Assert.Equal(5, catalogue.Count);
        Assert.Equal(301, catalogue.Single(r => r.Key.EndsWith("/pages/old", StringComparison.Ordinal)).Value!["status_code"]!.GetValue<int>());
        Assert.False(catalogue.Single(r => r.Key.EndsWith("/pages/old", StringComparison.Ordinal)).Value!["catalogued"]!.GetValue<bool>());
        Assert.Equal("Page A", catalogue.Single(r => r.Key.EndsWith("/pages/a", StringComparison.Ordinal)).Value!["title"]!.GetValue<string>());

        // Run one: step 3 alone with the seed's --cache and without --auto-update (report only), as parameters.
        web.MapText("/sessions.json", 500, "BigQuery down");   // --cache: the saved answer is used, BigQuery not asked
        var asked = web.Requests.Count(r => r.PathAndQuery == "/sessions.json");
        (exit, text) = await host.CliAsync(null, "pipeline", "run", "sem-daily", "--step", "3", "--param", "auto_update=false", "--param", "cache=true", "--wait", "--json");
        Assert.True(exit == 0, text);
        var one = JsonNode.Parse(text)!;
        var steps = one["steps"]!.AsArray();
        Assert.Equal("zero-sessions", Assert.Single(steps)!["step"]!.GetValue<string>());
        Assert.Equal("succeeded", steps[0]!["status"]!.GetValue<string>());
        Assert.True(steps[0]!["stats"]!["cache"]!.GetValue<bool>());
        Assert.False(steps[0]!["stats"]!["auto_update"]!.GetValue<bool>());
        Assert.Equal(0, steps[0]!["stats"]!["zero_sessions"]!.GetValue<int>());   // already paused by the daily run
        Assert.Equal(asked, web.Requests.Count(r => r.PathAndQuery == "/sessions.json"));
        Assert.Equal("succeeded", one["run"]!["status"]!.GetValue<string>());

        // Run one by name with the seed's --count: step 4 only; nothing is left uncatalogued, so nothing is processed.
        (exit, text) = await host.CliAsync(null, "pipeline", "run", "sem-daily", "--step", "llm-cataloguing", "--param", "count=10", "--wait", "--json");
        Assert.True(exit == 0, text);
        Assert.Equal(0, JsonNode.Parse(text)!["steps"]![0]!["stats"]!["processed"]!.GetValue<int>());
    }

    private static async Task<List<JsonNode>> PipelineLogAsync(ExampleHost host, long runId)
    {
        var (exit, text) = await host.CliAsync(null, "pipeline", "log", runId.ToString(System.Globalization.CultureInfo.InvariantCulture), "--json");
        Assert.True(exit == 0, text);
        return [.. JsonNode.Parse(text)!["steps"]!.AsArray().Select(s => s!)];
    }
}
