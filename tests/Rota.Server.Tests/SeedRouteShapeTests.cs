using System.Net;
using System.Text.Json;
using Rota.Runs;

namespace Rota.Server.Tests;

/// <summary>Seed-compatible routes return exactly the fields (and JSON types) of docs/api.md, which follow the seeds.</summary>
public sealed class SeedRouteShapeTests
{
    private static readonly (string, string)[] SchedulerTask =
    [
        ("id", "number"), ("name", "string"), ("description", "string|null"), ("handler", "string"), ("schedule", "string"),
        ("enabled", "bool"), ("last_run_at", "string|null"), ("last_run_status", "string|null"), ("next_run_at", "string|null"),
        ("created_at", "string"), ("updated_at", "string"),
    ];

    [Fact]
    public async Task Seed004Routes_AfterARun_ReturnTheDocumentedFields()
    {
        await using var s = await TestServer.StartAsync();
        await s.CreateTaskAsync("hourly-rss-fetch", null, shape: d => d with
        {
            Description = "Hourly RSS fetch",
            Schedules = [new Scheduling.ScheduleDefinition { Specs = [Scheduling.TriggerSpec.ForCron("0 * * * *")] }],
        });
        var tasks = await s.Admin.GetJsonAsync("/api/v1/scheduler/tasks");
        JsonShape.Assert(tasks, "tasks", ("tasks", "array"), ("count", "number"));
        var task = tasks.GetProperty("tasks")[0];
        JsonShape.Assert(task, "task", SchedulerTask);
        Assert.Equal("0 * * * *", task.GetProperty("schedule").GetString());

        var run = await (await s.Admin.PostJsonAsync("/api/v1/scheduler/tasks/hourly-rss-fetch/run")).JsonAsync(HttpStatusCode.Accepted);
        JsonShape.Assert(run, "run", ("success", "bool"), ("message", "string"), ("run_id", "number"), ("task", "string"), ("status", "string"));
        await s.WaitForRunAsync(run.GetProperty("run_id").GetInt64(), r => r.Status == Runs.RunStatus.Succeeded);

        var runs = await s.Admin.GetJsonAsync("/api/v1/scheduler/runs?status=success");
        JsonShape.Assert(runs, "runs", ("runs", "array"), ("count", "number"));
        JsonShape.Assert(runs.GetProperty("runs")[0], "runs[0]", ("id", "number"), ("task_id", "number"), ("task_name", "string"), ("status", "string"),
            ("started_at", "string"), ("finished_at", "string"), ("duration_ms", "number"), ("error", "null"), ("metadata", "object|null"));
        Assert.Equal("success", runs.GetProperty("runs")[0].GetProperty("status").GetString());

        var stats = await s.Admin.GetJsonAsync("/api/v1/scheduler/stats");
        JsonShape.Assert(stats, "stats", ("total_tasks", "number"), ("enabled_tasks", "number"), ("total_runs", "number"), ("successful_runs", "number"),
            ("failed_runs", "number"), ("runs_last_24h", "number"), ("tasks", "array"));
        Assert.Equal(1, stats.GetProperty("successful_runs").GetInt32());
        JsonShape.Assert(stats.GetProperty("tasks")[0], "stats.tasks[0]", ("name", "string"), ("last_run_at", "string"), ("last_run_status", "string"),
            ("success_rate", "number"), ("p95_duration_ms", "number"));

        var id = task.GetProperty("id").GetInt64();
        var toggled = await (await s.Admin.PostJsonAsync($"/api/v1/scheduler/tasks/{id}/toggle")).JsonAsync(HttpStatusCode.OK);
        JsonShape.Assert(toggled, "toggle", ("task", "object"));
        JsonShape.Assert(toggled.GetProperty("task"), "toggle.task", SchedulerTask);
        Assert.False(toggled.GetProperty("task").GetProperty("enabled").GetBoolean());
        Assert.False((await s.Store.TaskGet("hourly-rss-fetch"))!.Definition.Enabled);
    }

    [Fact]
    public async Task Seed002Routes_StatusAndOnDemand_ReturnTheDocumentedFields()
    {
        await using var s = await TestServer.StartAsync();
        await s.CreateTaskAsync("sync", null, shape: d => d with
        {
            Description = "Daily Zendesk Sync",
            Schedules = [new Scheduling.ScheduleDefinition { Specs = [Scheduling.TriggerSpec.ForCron("0 2 * * *")] }],
        });
        var jobs = await s.Admin.GetJsonAsync("/api/v1/tasks/scheduler/status");
        Assert.Equal(JsonValueKind.Array, jobs.ValueKind);
        JsonShape.Assert(jobs[0], "job", ("id", "string"), ("name", "string"), ("next_run", "string"), ("trigger", "string"));
        Assert.Equal("sync", jobs[0].GetProperty("id").GetString());
        Assert.Equal("Daily Zendesk Sync", jobs[0].GetProperty("name").GetString());
        Assert.Equal("cron[0 2 * * *]", jobs[0].GetProperty("trigger").GetString());

        (string, string)[] worker =
        [
            ("status", "string"), ("progress", "string|null"), ("is_running", "bool"), ("started_at", "string|null"), ("completed_at", "string|null"),
            ("last_result", "object|null"), ("last_error", "string|null"), ("run_id", "number|null"), ("task", "string|null"),
        ];
        var idle = await s.Admin.GetJsonAsync("/api/v1/tasks/worker/status");
        JsonShape.Assert(idle, "worker", worker);
        Assert.Equal("idle", idle.GetProperty("status").GetString());

        var started = await (await s.Admin.PostJsonAsync("/api/v1/tasks/sync", """{"backfill_days": 7}""")).JsonAsync(HttpStatusCode.Accepted);
        JsonShape.Assert(started, "sync", ("message", "string"), ("run_id", "number"), ("task", "string"), ("parameters", "object"));
        var run = await s.WaitForRunAsync(started.GetProperty("run_id").GetInt64(), r => r.Status.IsTerminal());
        Assert.Equal(7, run.Parameters!["backfill_days"]!.GetValue<int>());
        var done = await s.Admin.GetJsonAsync("/api/v1/tasks/worker/status");
        JsonShape.Assert(done, "worker", worker);
        Assert.Equal("completed", done.GetProperty("status").GetString());
        Assert.False(done.GetProperty("is_running").GetBoolean());
    }

    [Fact]
    public async Task Seed002OnDemand_OneAtATimeAndFivePerHour_ConflictThenRateLimited()
    {
        await using var s = await TestServer.StartAsync();
        await s.CreateTaskAsync("sync", null, "block");
        await s.CreateTaskAsync("analyze", null);
        var first = await (await s.Admin.PostJsonAsync("/api/v1/tasks/sync", "{}")).JsonAsync(HttpStatusCode.Accepted);
        var runId = first.GetProperty("run_id").GetInt64();
        await s.WaitForRunAsync(runId, r => r.Status == Runs.RunStatus.Running);
        var busy = await (await s.Admin.PostJsonAsync("/api/v1/tasks/analyze", """{"batch_size": 500}""")).ProblemAsync(409, "run.on_demand_busy");
        Assert.Equal(runId, busy.GetProperty("running_run_id").GetInt64());
        var running = await s.Admin.GetJsonAsync("/api/v1/tasks/worker/status");
        Assert.True(running.GetProperty("is_running").GetBoolean());
        await s.Engine.Client.CancelRunAsync(runId);
        await s.WaitForRunAsync(runId, r => r.Status.IsTerminal());
        await (await s.Admin.PostJsonAsync("/api/v1/tasks/analyze", """{"batch_size": 0}""")).ProblemAsync(422, "request.invalid_field", "batch_size");
        await (await s.Admin.PostJsonAsync("/api/v1/tasks/sync", """{"backfill_days": 366}""")).ProblemAsync(422, "request.invalid_field", "backfill_days");
        // Five requests were made in this hour (the refused ones count too): the sixth is refused with Retry-After.
        var limited = await s.Admin.PostJsonAsync("/api/v1/tasks/analyze", "{}");
        Assert.Equal(HttpStatusCode.Accepted, limited.StatusCode);
        var sixth = await s.Admin.PostJsonAsync("/api/v1/tasks/analyze", "{}");
        await sixth.ProblemAsync(429, "request.rate_limited");
        Assert.NotNull(sixth.Headers.RetryAfter);
        await (await s.Alice.PostJsonAsync("/api/v1/tasks/sync", "{}")).ProblemAsync(403, "auth.forbidden");
    }
}
