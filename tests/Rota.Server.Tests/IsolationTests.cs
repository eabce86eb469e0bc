using System.Net;

namespace Rota.Server.Tests;

/// <summary>alice never sees bob's tasks or runs anywhere, and cannot act on them: everything answers as if they did not exist.</summary>
public sealed class IsolationTests
{
    [Fact]
    public async Task Alice_BobsTasksAndRuns_InvisibleAndUntouchable()
    {
        await using var s = await TestServer.StartAsync();
        await s.CreateTaskAsync("alice-own", "alice", shape: d => d with { Schedules = [new Scheduling.ScheduleDefinition { Specs = [Scheduling.TriggerSpec.ForCron("0 4 * * *")] }] });
        await s.CreateTaskAsync("bob-own", "bob", shape: d => d with { Schedules = [new Scheduling.ScheduleDefinition { Specs = [Scheduling.TriggerSpec.ForCron("0 5 * * *")] }] });
        var aliceRun = (await s.RunToEndAsync("alice-own")).Id;
        var bobFinished = (await s.RunToEndAsync("bob-own")).Id;
        await s.CreateTaskAsync("bob-queued", "bob");
        var bobQueued = await s.ScheduleRunAsync("bob-queued");

        var tasks = (await s.Alice.GetJsonAsync("/api/v1/tasks")).GetProperty("tasks").EnumerateArray().Select(t => t.Str("name")).ToList();
        Assert.Equal(["alice-own"], tasks);
        var runs = (await s.Alice.GetJsonAsync("/api/v1/runs?limit=500")).GetProperty("runs").EnumerateArray().Select(r => r.Long("id")).ToList();
        Assert.Equal([aliceRun], runs);
        Assert.Empty((await s.Alice.GetJsonAsync("/api/v1/runs?task=bob-own")).GetProperty("runs").EnumerateArray());
        Assert.DoesNotContain((await s.Alice.GetJsonAsync("/api/v1/tasks?enabled=true")).GetProperty("tasks").EnumerateArray(), t => t.Str("owner") != "alice");
        using (var forbidden = await s.Alice.GetAsync("/api/v1/tasks?owner=bob", Http.Ct)) await forbidden.ProblemAsync(403, "auth.forbidden");
        using (var forbidden = await s.Alice.GetAsync("/api/v1/runs?owner=bob", Http.Ct)) await forbidden.ProblemAsync(403, "auth.forbidden");
        var adminTasks = (await s.Admin.GetJsonAsync("/api/v1/tasks")).GetProperty("tasks").EnumerateArray().Select(t => t.Str("name")).ToHashSet();
        Assert.Superset(new HashSet<string> { "alice-own", "bob-own", "bob-queued" }, adminTasks);

        var before = await s.SnapshotAsync();
        (HttpMethod Method, string Path, string? Body, string Code)[] attempts =
        [
            (HttpMethod.Get, "/api/v1/tasks/bob-own", null, "task.not_found"),
            (HttpMethod.Get, "/api/v1/tasks/bob-own/next", null, "task.not_found"),
            (HttpMethod.Get, $"/api/v1/runs/{bobFinished}", null, "run.not_found"),
            (HttpMethod.Get, $"/api/v1/runs/{bobFinished}/logs", null, "run.not_found"),
            (HttpMethod.Post, "/api/v1/tasks/bob-own/runs", "{}", "task.not_found"),
            (HttpMethod.Post, "/api/v1/tasks/bob-own/disable", """{"reason":"mine now"}""", "task.not_found"),
            (HttpMethod.Post, "/api/v1/tasks/bob-own/enable", null, "task.not_found"),
            (HttpMethod.Put, "/api/v1/tasks/bob-own", """{"handler":"noop"}""", "task.not_found"),
            (HttpMethod.Delete, "/api/v1/tasks/bob-own", null, "task.not_found"),
            (HttpMethod.Post, $"/api/v1/runs/{bobQueued}/cancel", null, "run.not_found"),
            (HttpMethod.Post, $"/api/v1/runs/{bobFinished}/retry", null, "run.not_found"),
            (HttpMethod.Post, "/api/v1/tasks", """{"name":"bob-own","handler":"noop"}""", "task.exists"),
        ];
        foreach (var (method, path, body, code) in attempts)
        {
            using var r = await s.Alice.SendAsync(method, path, body);
            var problem = await r.ProblemAsync(code == "task.exists" ? 409 : 404, code);
            Assert.DoesNotContain("bob", problem.Str("detail").Replace("bob-own", "", StringComparison.Ordinal), StringComparison.Ordinal);
        }
        Assert.Equal(before, await s.SnapshotAsync());
    }
}
