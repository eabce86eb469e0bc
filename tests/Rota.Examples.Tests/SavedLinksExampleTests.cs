using System.Text.Json.Nodes;
using Rota.TestSupport;

namespace Rota.Examples.Tests;

/// <summary>examples/saved-links (seed 003), driven as its README says: three run types at 08:00, 12:00 and 23:00
/// Berlin time, the 4-hour guard, no overlap, per-item success and failure, the pause between items, per-run-type
/// status and recovery from a process killed mid-run (the stale lock).</summary>
public sealed class SavedLinksExampleTests
{
    // 07:00 in Berlin (CEST, UTC+2).
    private static readonly DateTimeOffset Start = new(2026, 6, 1, 5, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Runs_three_times_a_day_with_the_guard_the_lock_and_per_item_results()
    {
        await using var links = await LoopbackHttpServer.StartAsync();
        foreach (var page in new[] { "/a", "/b", "/c", "/d", "/e" }) links.MapText(page, 200, "saved");
        links.MapText("/missing", 404, "gone");
        await using var host = ExampleHost.Sqlite("saved-links");
        var linksFile = host.Dir.File("links.txt");
        File.WriteAllLines(linksFile, ["# saved links", links.Url("/a")]);
        await host.StartAsync(clock: Start);
        using var first = host.Api();

        // Each run type fires at its local time in the configured zone.
        var jobs = (await first.GetAsync("/api/v1/tasks/scheduler/status")).AsArray();
        DateTimeOffset Next(string id) => ExampleApi.Instant(jobs.Single(j => j!["id"]!.GetValue<string>() == id)!["next_run"])!.Value;
        Assert.Equal(new DateTimeOffset(2026, 6, 1, 8, 0, 0, TimeSpan.FromHours(2)), Next("saved-links-morning"));
        Assert.Equal(new DateTimeOffset(2026, 6, 1, 12, 0, 0, TimeSpan.FromHours(2)), Next("saved-links-noon"));
        Assert.Equal(new DateTimeOffset(2026, 6, 1, 23, 0, 0, TimeSpan.FromHours(2)), Next("saved-links-night"));
        Assert.Contains("(Europe/Berlin)", jobs.First(j => j!["id"]!.GetValue<string>() == "saved-links-morning")!["trigger"]!.GetValue<string>());

        // `python main.py --scheduled morning` by hand at 07:00 …
        var (exit, output) = await host.CliAsync(null, "task", "run", "saved-links-morning", "--wait");
        Assert.True(exit == 0, output);
        // … so at 08:00 the occurrence is within 4 h of the last morning run: skipped, with the reason.
        await host.StopAsync();
        await host.StartAsync(clock: Start.AddHours(1).AddSeconds(-3));
        using var api = host.Api();
        var skipped = await api.WaitForRunAsync("saved-links-morning", r => r["trigger"]!.GetValue<string>() == "schedule", "at 08:00", seconds: 30);
        Assert.Equal("skipped", skipped["status"]!.GetValue<string>());
        Assert.Contains("min_spacing", skipped["reason"]!.GetValue<string>());
        Assert.Contains("\"status\":\"done\"", File.ReadAllText(linksFile + ".processed"));

        // Three new links; the noon type by hand with a 1 s pause. A second noon run meanwhile is refused (the lock).
        File.AppendAllLines(linksFile, [links.Url("/b"), links.Url("/missing"), links.Url("/c")]);
        (exit, output) = await host.CliAsync(null, "task", "run", "saved-links-noon", "-p", "pause_between_items=1s");
        Assert.True(exit == 0, output);
        (exit, output) = await host.CliAsync(null, "task", "run", "saved-links-noon");
        Assert.True(exit == 6, output);
        var noonRuns = await api.RunsAsync("saved-links-noon");
        Assert.Contains(noonRuns, r => ExampleApi.Is(r!, "skipped") && r!["reason"]!.GetValue<string>().Contains("overlap", StringComparison.Ordinal));
        var noonId = noonRuns.Single(r => r!["parameters"]?["pause_between_items"] is not null)!["id"]!.GetValue<long>();
        var noon = await api.WaitEndedAsync(noonId);

        // Per item: two done, one failed (404); the run is partial, not failed, and paused between items only.
        Assert.Equal("partial", noon["status"]!.GetValue<string>());
        var stats = noon["stats"]!;
        Assert.Equal("noon", stats["run_type"]!.GetValue<string>());
        Assert.Equal(3, stats["items_total"]!.GetValue<int>());
        Assert.Equal(2, stats["items_processed"]!.GetValue<int>());
        Assert.Equal(1, stats["items_failed"]!.GetValue<int>());
        var failed = stats["items"]!.AsArray().Single(i => i!["status"]!.GetValue<string>() == "failed")!;
        Assert.Equal(links.Url("/missing"), failed["url"]!.GetValue<string>());
        Assert.Equal(404, failed["http_status"]!.GetValue<int>());
        Assert.True(noon["duration_ms"]!.GetValue<double>() >= 2000, noon.ToJsonString());
        var logText = await api.GetTextAsync($"/api/v1/runs/{noonId}/logs");
        Assert.Equal(2, logText.Split('\n').Count(l => l.Contains("Pausing for 1s", StringComparison.Ordinal)));
        Assert.Contains("Completed processing 2 out of 3 links", logText);

        // Per-run-type status (the seed's status.json): last run and status of each type.
        var tasks = (await api.GetAsync("/api/v1/scheduler/tasks"))["tasks"]!.AsArray();
        JsonNode Task(string name) => tasks.Single(t => t!["name"]!.GetValue<string>() == name)!;
        Assert.Equal("success", Task("saved-links-morning")["last_run_status"]!.GetValue<string>());
        Assert.Equal("partial", Task("saved-links-noon")["last_run_status"]!.GetValue<string>());
        Assert.Null(Task("saved-links-night")["last_run_at"]);

        // Stale lock: the process dies mid-run (SIGKILL during the pause). On the next start the run is abandoned, so
        // the next run is not blocked, and it carries on with the link the dead run had not reached.
        File.AppendAllLines(linksFile, [links.Url("/d"), links.Url("/e")]);
        (exit, output) = await host.CliAsync(null, "task", "run", "saved-links-night", "-p", "pause_between_items=10m");
        Assert.True(exit == 0, output);
        var night = await api.WaitForRunAsync("saved-links-night", r => r["progress_text"]?.GetValue<string>()?.StartsWith("Processing link 1/2", StringComparison.Ordinal) == true, "processing");
        await WaitUntilAsync(() => File.ReadAllText(linksFile + ".processed").Contains(links.Url("/d"), StringComparison.Ordinal));
        await host.KillAsync();
        await host.StartAsync(clock: Start.AddHours(1).AddMinutes(10));
        using var api2 = host.Api();
        var dead = await api2.WaitEndedAsync(night["id"]!.GetValue<long>());
        Assert.Equal("abandoned", dead["status"]!.GetValue<string>());
        (exit, output) = await host.CliAsync(null, "task", "run", "saved-links-night", "--wait");
        Assert.True(exit == 0, output);
        var resumed = (await api2.RunsAsync("saved-links-night")).First(r => ExampleApi.Is(r!, "succeeded"))!;
        var items = resumed["stats"]!["items"]!.AsArray();
        Assert.Equal(links.Url("/e"), Assert.Single(items)!["url"]!.GetValue<string>());

        // Log retention (logrotate's 14 days): 15 days later the runs of day 1 and their logs are gone.
        await host.StopAsync();
        await host.StartAsync(clock: Start.AddDays(15));
        using var api3 = host.Api();
        // (The restart records the 14 days of occurrences it missed, and runs the latest of each type once.)
        async Task<bool> OnlyRecentRuns()
        {
            foreach (var task in new[] { "saved-links-morning", "saved-links-noon", "saved-links-night" })
                if ((await api3.RunsAsync(task)).Any(r => ExampleApi.Instant(r!["created_at"]) < Start.AddDays(14))) return false;
            return true;
        }
        await WaitUntilAsync(OnlyRecentRuns);
        Assert.NotEmpty(await api3.RunsAsync("saved-links-noon"));
    }

    private static Task WaitUntilAsync(Func<bool> condition) => WaitUntilAsync(() => Task.FromResult(condition()));

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var sw = System.Diagnostics.Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.True(sw.Elapsed < TimeSpan.FromSeconds(10), "condition not met within 10 s");
            await Task.Delay(50);
        }
    }
}
