using System.Net;

namespace Rota.Server.Tests;

public sealed class OperationsEndpointTests
{
    [Fact]
    public async Task Queues_AdminResizesPausesResumes_ListShowsState()
    {
        await using var s = await TestServer.StartAsync();
        var resized = await (await s.Admin.SendAsync(HttpMethod.Put, "/api/v1/queues/reports", """{"concurrency":7}""")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(7, resized.GetProperty("concurrency").GetInt32());
        var paused = await (await s.Admin.PostJsonAsync("/api/v1/queues/reports/pause")).JsonAsync(HttpStatusCode.OK);
        Assert.True(paused.GetProperty("paused").GetBoolean());
        var listed = (await s.Alice.GetJsonAsync("/api/v1/queues")).GetProperty("queues").EnumerateArray().Single(q => q.Str("name") == "reports");
        Assert.True(listed.GetProperty("paused").GetBoolean());
        Assert.Equal(7, listed.GetProperty("concurrency").GetInt32());
        var resumed = await (await s.Admin.PostJsonAsync("/api/v1/queues/reports/resume")).JsonAsync(HttpStatusCode.OK);
        Assert.False(resumed.GetProperty("paused").GetBoolean());
        using var missing = await s.Admin.PostJsonAsync("/api/v1/queues/no-such-queue/pause");
        await missing.ProblemAsync(404, "queue.not_found");
    }

    [Fact]
    public async Task CronExplain_ValidExpression_Description()
    {
        await using var s = await TestServer.StartAsync();
        var doc = await s.Alice.GetJsonAsync("/api/v1/cron/explain?expression=" + Uri.EscapeDataString("30 2 * * 1-5"));
        Assert.Equal("30 2 * * 1-5", doc.Str("expression"));
        Assert.False(string.IsNullOrWhiteSpace(doc.Str("description")));
    }

    [Fact]
    public async Task CronNext_EuropeLondonAroundLastSundayOfMarch_DstNote()
    {
        await using var s = await TestServer.StartAsync();
        // 2027-03-28 is the last Sunday of March: 01:00 GMT jumps to 02:00 BST, so 01:30 does not exist that day.
        var doc = await s.Alice.GetJsonAsync("/api/v1/cron/next?expression=" + Uri.EscapeDataString("30 1 * * *")
            + "&time_zone=Europe/London&from=2027-03-26T12:00:00Z&count=3");
        Assert.Equal("Europe/London", doc.Str("time_zone"));
        var fires = doc.GetProperty("fires").EnumerateArray().ToList();
        Assert.Equal(3, fires.Count);
        Assert.Equal(new DateTimeOffset(2027, 3, 27, 1, 30, 0, TimeSpan.Zero), fires[0].GetProperty("utc").GetDateTimeOffset());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, fires[0].GetProperty("note").ValueKind);
        var gap = fires[1];
        Assert.Contains("2027-03-28", gap.Str("note"), StringComparison.Ordinal);
        Assert.Contains("DST", gap.Str("note"), StringComparison.Ordinal);
        Assert.Equal(new DateTimeOffset(2027, 3, 29, 0, 30, 0, TimeSpan.Zero), fires[2].GetProperty("utc").GetDateTimeOffset());
        Assert.Equal(TimeSpan.FromHours(1), fires[2].GetProperty("local").GetDateTimeOffset().Offset);
    }

    [Fact]
    public async Task HealthAndReadiness_Anonymous_OkAndReady()
    {
        await using var s = await TestServer.StartAsync();
        Assert.Equal("ok", (await s.Anonymous.GetJsonAsync("/healthz")).Str("status"));
        var ready = await s.Anonymous.GetJsonAsync("/readyz");
        Assert.Equal("ready", ready.Str("status"));
        Assert.Equal("sqlite", ready.Str("store"));
    }

    [Fact]
    public async Task RunNow_OverTriggerLimit_TooManyRequestsWithRetryAfter()
    {
        await using var s = await TestServer.StartAsync(o => o.TriggerPermitsPerMinute = 2);
        await s.CreateTaskAsync("limited", "alice", shape: d => d with { Overlap = new Tasks.OverlapPolicy(Tasks.OverlapKind.AllowAll) });
        var runAt = TimeProvider.System.GetUtcNow().AddHours(1).ToString("O");
        for (var i = 0; i < 2; i++)
            await (await s.Alice.PostJsonAsync("/api/v1/tasks/limited/runs", $$"""{"run_at":"{{runAt}}"}""")).JsonAsync(HttpStatusCode.Accepted);
        var before = await s.SnapshotAsync();
        using var limited = await s.Alice.PostJsonAsync("/api/v1/tasks/limited/runs", $$"""{"run_at":"{{runAt}}"}""");
        await limited.ProblemAsync(429, "request.rate_limited");
        Assert.True(limited.Headers.RetryAfter?.Delta is { } delta && delta > TimeSpan.Zero, "Retry-After header missing");
        Assert.Equal(before, await s.SnapshotAsync());
        // Partitioned per token: another token still has its permits.
        await s.CreateTaskAsync("limited-bob", "bob");
        await (await s.Bob.PostJsonAsync("/api/v1/tasks/limited-bob/runs", $$"""{"run_at":"{{runAt}}"}""")).JsonAsync(HttpStatusCode.Accepted);
    }
}
