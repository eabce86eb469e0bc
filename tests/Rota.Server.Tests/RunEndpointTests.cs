using System.Net;
using System.Text.Json;
using Rota.Runs;
using Rota.Storage;
using Rota.Tasks;

namespace Rota.Server.Tests;

public sealed class RunEndpointTests
{
    private static readonly DateTimeOffset Base = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    /// <summary>Inserts runs straight into the store, scheduled far ahead so the engine never picks them up.</summary>
    private static async Task<IReadOnlyList<long>> InsertRunsAsync(TestServer s, string task, int count, RunTrigger trigger = RunTrigger.Manual,
        DateTimeOffset? createdAt = null)
    {
        var row = (await s.Store.TaskGet(task))!;
        var at = createdAt ?? Base;
        var rows = Enumerable.Range(0, count).Select(i => new RunInsertParams
        {
            TaskId = row.Id, Trigger = trigger, Status = RunStatus.Scheduled, ScheduledAt = at.AddYears(5), Now = at.AddSeconds(i),
        }).ToList();
        return (await s.Store.RunInsertMany(rows)).Select(r => r.Id).ToList();
    }

    private static IEnumerable<long> Ids(JsonElement page) => page.GetProperty("runs").EnumerateArray().Select(r => r.Long("id"));

    [Fact]
    public async Task ListRuns_120RunsLimit50_CursorPagesWithoutDuplicatesOrGaps()
    {
        await using var s = await TestServer.StartAsync();
        await s.CreateTaskAsync("paged", "alice");
        var inserted = await InsertRunsAsync(s, "paged", 120);
        var seen = new List<long>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = await s.Alice.GetJsonAsync("/api/v1/runs?limit=50" + (cursor is null ? "" : "&cursor=" + cursor));
            var ids = Ids(page).ToList();
            Assert.Equal(ids.OrderByDescending(i => i), ids);
            seen.AddRange(ids);
            cursor = page.GetProperty("next_cursor").GetString();
            pages++;
        } while (cursor is not null && pages < 10);
        Assert.Equal(3, pages);
        Assert.Equal(seen.Count, seen.Distinct().Count());
        Assert.Equal(inserted.OrderDescending(), seen);
    }

    [Fact]
    public async Task ListRuns_Filters_ReturnOnlyMatchingRuns()
    {
        await using var s = await TestServer.StartAsync();
        await s.CreateTaskAsync("filter-a", "alice");
        await s.CreateTaskAsync("filter-b", "alice");
        await s.CreateTaskAsync("filter-c", "alice");
        await s.CreateTaskAsync("filter-bob", "bob");
        var early = await InsertRunsAsync(s, "filter-a", 2, RunTrigger.Manual, Base);
        var late = await InsertRunsAsync(s, "filter-a", 3, RunTrigger.Api, Base.AddDays(10));
        var other = await InsertRunsAsync(s, "filter-b", 2, RunTrigger.Manual, Base);
        var bobs = await InsertRunsAsync(s, "filter-bob", 2, RunTrigger.Manual, Base);
        var finished = (await s.RunToEndAsync("filter-c")).Id;

        Assert.Equal([.. early, .. late], Ids(await s.Alice.GetJsonAsync("/api/v1/runs?task=filter-a")).Order());
        Assert.Equal(late, Ids(await s.Alice.GetJsonAsync("/api/v1/runs?task=filter-a&trigger=api")).Order());
        Assert.Equal([finished], Ids(await s.Alice.GetJsonAsync("/api/v1/runs?status=succeeded")));
        Assert.Equal(late, Ids(await s.Alice.GetJsonAsync("/api/v1/runs?from=2026-03-05T00:00:00Z&to=2026-03-20T00:00:00Z")).Order());
        Assert.Equal([.. early, .. other], Ids(await s.Alice.GetJsonAsync("/api/v1/runs?to=2026-03-02T00:00:00Z")).Order());
        Assert.Equal([.. early, .. late, .. other, finished], Ids(await s.Alice.GetJsonAsync("/api/v1/runs")).Order());
        Assert.Equal(bobs, Ids(await s.Admin.GetJsonAsync("/api/v1/runs?owner=bob")).Order());
        Assert.Equal(bobs, Ids(await s.Bob.GetJsonAsync("/api/v1/runs?owner=bob")).Order());
        Assert.Equal(9, Ids(await s.Admin.GetJsonAsync("/api/v1/runs?status=scheduled")).Count());
    }

    [Fact]
    public async Task GetRun_Finished_DetailWithAttemptsProgressAndLogs()
    {
        await using var s = await TestServer.StartAsync();
        await s.CreateTaskAsync("detail", "alice", "progress");
        var accepted = await (await s.Alice.PostJsonAsync("/api/v1/tasks/detail/runs", """{"parameters":{"size":3}}""")).JsonAsync(HttpStatusCode.Accepted);
        var id = accepted.Long("run_id");
        await s.WaitForRunAsync(id, r => r.Status.IsTerminal());

        var detail = await s.Alice.GetJsonAsync($"/api/v1/runs/{id}");
        var run = detail.GetProperty("run");
        Assert.Equal("succeeded", run.Str("status"));
        Assert.Equal("api", run.Str("trigger"));
        Assert.Equal("api:alice", run.Str("triggered_by"));
        Assert.Equal(3, run.GetProperty("parameters").GetProperty("size").GetInt32());
        var attempt = Assert.Single(detail.GetProperty("attempts").EnumerateArray());
        Assert.Equal(1, attempt.GetProperty("attempt").GetInt32());
        Assert.Equal("succeeded", attempt.Str("status"));
        Assert.Contains("progress handler: halfway", detail.Str("logs"), StringComparison.Ordinal);

        using var logs = await s.Alice.GetAsync($"/api/v1/runs/{id}/logs", Http.Ct);
        Assert.Equal("text/plain", logs.Content.Headers.ContentType?.MediaType);
        Assert.Contains("progress handler: halfway", await logs.Content.ReadAsStringAsync(Http.Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CancelRun_ActiveThenFinished_AcceptedThenConflict()
    {
        await using var s = await TestServer.StartAsync();
        await s.CreateTaskAsync("cancel-me", "alice", "block");
        var id = (await (await s.Alice.PostJsonAsync("/api/v1/tasks/cancel-me/runs")).JsonAsync(HttpStatusCode.Accepted)).Long("run_id");
        await s.WaitForRunAsync(id, r => r.Status == RunStatus.Running);

        var cancel = await (await s.Alice.PostJsonAsync($"/api/v1/runs/{id}/cancel", """{"reason":"enough"}""")).JsonAsync(HttpStatusCode.Accepted);
        Assert.Equal(id, cancel.Long("run_id"));
        var ended = await s.WaitForRunAsync(id, r => r.Status.IsTerminal());
        Assert.Equal(RunStatus.Cancelled, ended.Status);

        using var again = await s.Alice.PostJsonAsync($"/api/v1/runs/{id}/cancel");
        await again.ProblemAsync(409, "run.already_finished");
    }

    [Fact]
    public async Task RetryRun_FinishedOrActive_NewRetryRunOrConflict()
    {
        await using var s = await TestServer.StartAsync();
        await s.CreateTaskAsync("retry-me", "alice", shape: d => d with { Parameters = new System.Text.Json.Nodes.JsonObject { ["x"] = 1 } });
        var first = await s.RunToEndAsync("retry-me");
        var retry = await (await s.Alice.PostJsonAsync($"/api/v1/runs/{first.Id}/retry")).JsonAsync(HttpStatusCode.Accepted);
        Assert.Equal(first.Id, retry.Long("retry_of"));
        var second = await s.WaitForRunAsync(retry.Long("run_id"), r => r.Status.IsTerminal());
        Assert.Equal(RunTrigger.Retry, second.Trigger);
        Assert.Equal(RunStatus.Succeeded, second.Status);

        var queued = await s.ScheduleRunAsync("retry-me");
        using var active = await s.Alice.PostJsonAsync($"/api/v1/runs/{queued}/retry");
        await active.ProblemAsync(409, "run.not_finished");
    }
}
