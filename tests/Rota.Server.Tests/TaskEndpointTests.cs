using System.Net;
using Rota.Runs;

namespace Rota.Server.Tests;

public sealed class TaskEndpointTests
{
    [Fact]
    public async Task CreateTask_AsUser_OwnerIsCallerAndScheduleShown()
    {
        await using var s = await TestServer.StartAsync();
        using var response = await s.Alice.PostJsonAsync("/api/v1/tasks", """{"name":"nightly","handler":"noop","cron":"0 2 * * *","time_zone":"Europe/Berlin"}""");
        var task = await response.JsonAsync(HttpStatusCode.Created);
        Assert.Equal("/api/v1/tasks/nightly", response.Headers.Location?.OriginalString);
        Assert.Equal("alice", task.Str("owner"));
        Assert.Equal("api", task.Str("origin"));
        var schedule = Assert.Single(task.GetProperty("schedules").EnumerateArray());
        Assert.Equal("Europe/Berlin", schedule.Str("time_zone"));
        Assert.Equal("alice", (await s.Store.TaskGet("nightly"))!.Definition.Owner);
        var fires = (await s.Alice.GetJsonAsync("/api/v1/tasks/nightly/next?count=3")).GetProperty("fires").EnumerateArray().ToList();
        Assert.Equal(3, fires.Count);
    }

    [Fact]
    public async Task GetDefinition_PutBackUnchanged_SameDefinition_OthersSee404()
    {
        await using var s = await TestServer.StartAsync();
        await s.CreateTaskAsync("up-a", "alice");
        await s.CreateTaskAsync("up-b", "alice");
        var rich = Rota.TestSupport.TestTasks.RichTask.Replace("\"handler\":\"http\"", "\"handler\":\"noop\"", StringComparison.Ordinal);
        await (await s.Admin.PostJsonAsync("/api/v1/tasks", rich)).JsonAsync(HttpStatusCode.Created);
        var stored = (await s.Store.TaskGet("rich"))!;
        var before = await s.Alice.GetJsonAsync("/api/v1/tasks/rich/definition");
        Assert.Equal(3, before.GetProperty("schedules").GetArrayLength());
        Assert.Equal("allow_all(3)", before.Str("overlap"));
        await (await s.Alice.SendAsync(HttpMethod.Put, "/api/v1/tasks/rich", before.GetRawText())).JsonAsync(HttpStatusCode.OK);
        var after = await s.Alice.GetJsonAsync("/api/v1/tasks/rich/definition");
        Assert.Equal(before.GetRawText(), after.GetRawText());
        var saved = (await s.Store.TaskGet("rich"))!;
        // Nothing changed, so the store kept the version too.
        Assert.Equal(stored.Version, saved.Version);
        Assert.Equal(Rota.Storage.DefinitionJson.Serialize(stored.Definition), Rota.Storage.DefinitionJson.Serialize(saved.Definition));
        using var hidden = await s.Bob.GetAsync("/api/v1/tasks/rich/definition", Http.Ct);
        await hidden.ProblemAsync(404, "task.not_found");
    }

    [Fact]
    public async Task CreateTask_AdminForOtherOwner_OwnerKept()
    {
        await using var s = await TestServer.StartAsync();
        var task = await (await s.Admin.PostJsonAsync("/api/v1/tasks", """{"name":"for-bob","handler":"noop","owner":"bob"}""")).JsonAsync(HttpStatusCode.Created);
        Assert.Equal("bob", task.Str("owner"));
        Assert.Contains("for-bob", (await s.Bob.GetJsonAsync("/api/v1/tasks")).GetProperty("tasks").EnumerateArray().Select(t => t.Str("name")));
    }

    [Fact]
    public async Task CreateTask_CommandWithOptIn_AdminOnly()
    {
        await using var s = await TestServer.StartAsync(o => o.AllowCommandTasks = true);
        const string body = """{"name":"cmd","handler":"command","parameters":{"program":"/bin/true"}}""";
        using var refused = await s.Alice.PostJsonAsync("/api/v1/tasks", body);
        await refused.ProblemAsync(403, "task.command_not_allowed", "handler");
        Assert.Null(await s.Store.TaskGet("cmd"));
        var created = await (await s.Admin.PostJsonAsync("/api/v1/tasks", body)).JsonAsync(HttpStatusCode.Created);
        Assert.Equal("command", created.Str("handler"));
    }

    [Fact]
    public async Task ReplaceTask_AsOwner_NewVersionSameOwner()
    {
        await using var s = await TestServer.StartAsync();
        await s.CreateTaskAsync("replace-me", "alice");
        var task = await (await s.Alice.SendAsync(HttpMethod.Put, "/api/v1/tasks/replace-me", """{"handler":"noop","description":"v2","every":"1h"}""")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(2, task.GetProperty("version").GetInt32());
        Assert.Equal("v2", task.Str("description"));
        Assert.Equal("alice", task.Str("owner"));
        Assert.Single(task.GetProperty("schedules").EnumerateArray());
    }

    [Fact]
    public async Task ReplaceTask_AdminWithoutOwner_OwnerKeptAndAdminMayReassign()
    {
        await using var s = await TestServer.StartAsync();
        await s.CreateTaskAsync("admin-edit", "alice");
        var task = await (await s.Admin.SendAsync(HttpMethod.Put, "/api/v1/tasks/admin-edit", """{"handler":"noop","description":"by admin"}""")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("alice", task.Str("owner"));
        Assert.Contains("admin-edit", (await s.Alice.GetJsonAsync("/api/v1/tasks")).GetProperty("tasks").EnumerateArray().Select(t => t.Str("name")));
        var moved = await (await s.Admin.SendAsync(HttpMethod.Put, "/api/v1/tasks/admin-edit", """{"handler":"noop","owner":"bob"}""")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("bob", moved.Str("owner"));
        using var gone = await s.Alice.GetAsync("/api/v1/tasks/admin-edit", Http.Ct);
        await gone.ProblemAsync(404, "task.not_found");
    }

    [Fact]
    public async Task ReplaceTask_UserNamesOtherOwner_Forbidden()
    {
        await using var s = await TestServer.StartAsync();
        await s.CreateTaskAsync("keep-mine", "alice");
        var before = await s.SnapshotAsync();
        using var r = await s.Alice.SendAsync(HttpMethod.Put, "/api/v1/tasks/keep-mine", """{"handler":"noop","owner":"bob"}""");
        await r.ProblemAsync(403, "auth.forbidden");
        Assert.Equal(before, await s.SnapshotAsync());
    }

    [Fact]
    public async Task DeleteTask_AsOwner_GoneAfterwards()
    {
        await using var s = await TestServer.StartAsync();
        await s.CreateTaskAsync("delete-me", "alice");
        using var deleted = await s.Alice.SendAsync(HttpMethod.Delete, "/api/v1/tasks/delete-me");
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Null(await s.Store.TaskGet("delete-me"));
        using var again = await s.Alice.GetAsync("/api/v1/tasks/delete-me", Http.Ct);
        await again.ProblemAsync(404, "task.not_found");
    }

    [Fact]
    public async Task DisableThenEnable_WithReasonAndUntil_PausedThenResumed()
    {
        await using var s = await TestServer.StartAsync();
        await s.CreateTaskAsync("toggle-me", "alice", shape: d => d with { Schedules = [new Scheduling.ScheduleDefinition { Specs = [Scheduling.TriggerSpec.ForCron("0 3 * * *")] }] });
        var until = TimeProvider.System.GetUtcNow().AddHours(2);
        var disabled = await (await s.Alice.PostJsonAsync("/api/v1/tasks/toggle-me/disable", $$"""{"reason":"maintenance","until":"{{until:O}}"}""")).JsonAsync(HttpStatusCode.OK);
        Assert.False(disabled.GetProperty("enabled").GetBoolean());
        Assert.Equal("maintenance", disabled.Str("paused_reason"));
        Assert.Equal(until.ToUnixTimeMilliseconds(), disabled.GetProperty("paused_until").GetDateTimeOffset().ToUnixTimeMilliseconds());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, disabled.GetProperty("next_fire_at").ValueKind);

        var enabled = await (await s.Alice.PostJsonAsync("/api/v1/tasks/toggle-me/enable")).JsonAsync(HttpStatusCode.OK);
        Assert.True(enabled.GetProperty("enabled").GetBoolean());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, enabled.GetProperty("paused_reason").ValueKind);
    }

    [Fact]
    public async Task RunNow_SameIdempotencyKey_SecondCallReturnsSameRun()
    {
        await using var s = await TestServer.StartAsync();
        await s.CreateTaskAsync("idem", "alice", shape: d => d with { Overlap = new Tasks.OverlapPolicy(Tasks.OverlapKind.AllowAll) });
        const string body = """{"parameters":{"n":7},"idempotency_key":"order-42"}""";
        using var first = await s.Alice.PostJsonAsync("/api/v1/tasks/idem/runs", body);
        var a = await first.JsonAsync(HttpStatusCode.Accepted);
        Assert.Equal($"/api/v1/runs/{a.Long("run_id")}", first.Headers.Location?.OriginalString);
        Assert.False(a.GetProperty("duplicate").GetBoolean());
        var b = await (await s.Alice.PostJsonAsync("/api/v1/tasks/idem/runs", body)).JsonAsync(HttpStatusCode.OK);
        Assert.True(b.GetProperty("duplicate").GetBoolean());
        Assert.Equal(a.Long("run_id"), b.Long("run_id"));
        var run = (await s.Store.RunGet(a.Long("run_id")))!;
        Assert.Equal(7, run.Parameters!["n"]!.GetValue<int>());
        Assert.Single(await s.Store.RunList(new Storage.RunListParams { TaskName = "idem" }));
        Assert.Single(await s.Store.AuditList(new Storage.AuditListParams(Action: "task.run")));
    }

    [Fact]
    public async Task RunNow_OverlapSkipWhileRunning_ConflictWithRunningId()
    {
        await using var s = await TestServer.StartAsync();
        await s.CreateTaskAsync("busy", "alice", "block");
        var first = (await (await s.Alice.PostJsonAsync("/api/v1/tasks/busy/runs")).JsonAsync(HttpStatusCode.Accepted)).Long("run_id");
        await s.WaitForRunAsync(first, r => r.Status == RunStatus.Running);
        using var second = await s.Alice.PostJsonAsync("/api/v1/tasks/busy/runs");
        var problem = await second.ProblemAsync(409, "run.overlap");
        Assert.Equal(first, problem.Long("conflicting_run_id"));
        await s.Engine.Client.CancelRunAsync(first);
    }
}
