using System.Text.Json.Nodes;
using Rota.Runs;
using Rota.Scheduling;
using Rota.Storage;
using Rota.Tasks;

namespace Rota.Storage.Tests;

/// <summary>
/// The behaviour every IRotaStore must have. A backend is done when this suite passes against it unchanged.
/// Each test creates its own freshly migrated store.
/// </summary>
public abstract partial class StoreConformanceTests
{
    protected static readonly DateTimeOffset T0 = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    /// <summary>A new, migrated, empty store owned by the caller.</summary>
    protected abstract Task<IRotaStore> CreateStoreAsync();

    protected static TaskDefinition Def(string name, Action<TaskDefinitionBuilder>? edit = null)
    {
        var b = new TaskDefinitionBuilder { Value = new TaskDefinition { Name = name, Handler = "noop", Retry = new RetryPolicy(MaxAttempts: 3) } };
        edit?.Invoke(b);
        return b.Value;
    }

    protected sealed class TaskDefinitionBuilder
    {
        public required TaskDefinition Value { get; set; }
    }

    protected static RunInsertParams Run(long taskId, DateTimeOffset? at = null, int priority = 0, string queue = "default",
        int maxAttempts = 3, string? key = null, RunStatus status = RunStatus.Available) => new()
    {
        TaskId = taskId, ScheduledAt = at ?? T0, Now = T0, Priority = priority, Queue = queue,
        MaxAttempts = maxAttempts, IdempotencyKey = key, Status = status, Trigger = RunTrigger.Manual,
    };

    protected static async Task<long> InsertOne(IRotaStore store, RunInsertParams p) => (await store.RunInsertMany([p]))[0].Id;

    protected static Task<IReadOnlyList<RunRecord>> Claim(IRotaStore store, int limit = 10, string node = "n1", DateTimeOffset? now = null, string queue = "default") =>
        store.RunClaimNext(new RunClaimNextParams(queue, node, limit, now ?? T0, (now ?? T0).AddSeconds(30)));

    protected static RunCompletion Done(RunRecord r, RunStatus status = RunStatus.Succeeded, DateTimeOffset? at = null) => new()
    {
        RunId = r.Id, Attempt = r.Attempt, Status = status, EndedAt = at ?? T0.AddSeconds(1),
    };

    [Fact]
    public async Task TaskUpsert_NewThenChanged_BumpsVersionOnlyOnChange()
    {
        await using var store = await CreateStoreAsync();
        var a = await store.TaskUpsert(new TaskUpsertParams(Def("alpha"), T0));
        var same = await store.TaskUpsert(new TaskUpsertParams(Def("alpha"), T0.AddMinutes(1)));
        var changed = await store.TaskUpsert(new TaskUpsertParams(Def("alpha") with { Priority = 5, Description = "d" }, T0.AddMinutes(2)));
        Assert.Equal(a.Id, same.Id);
        Assert.Equal(1, same.Version);
        Assert.Equal(2, changed.Version);
        Assert.Equal(5, changed.Definition.Priority);
        Assert.Equal("d", changed.Definition.Description);
        Assert.Equal(T0, changed.CreatedAt);
    }

    [Fact]
    public async Task TaskUpsert_FullDefinition_RoundTripsEveryPolicy()
    {
        await using var store = await CreateStoreAsync();
        var def = Def("full") with
        {
            Parameters = new JsonObject { ["url"] = "https://example.com", ["n"] = 3 },
            Queue = "crawl",
            Timeout = TimeSpan.FromMinutes(5),
            Overlap = new OverlapPolicy(OverlapKind.AllowAll, 4),
            Misfire = new MisfirePolicy(MisfireKind.All, 7, TimeSpan.FromHours(1), TimeSpan.FromSeconds(9)),
            MinSpacing = TimeSpan.FromHours(4),
            Retention = new RetentionPolicy(10, 20, TimeSpan.FromDays(30)),
            Retry = new RetryPolicy(5, TimeSpan.FromSeconds(2), 3, TimeSpan.FromMinutes(1), false, false),
            PauseAfterFailures = 3,
            Owner = "alice",
            Tags = ["a", "b"],
            Origin = TaskOrigin.Config,
        };
        await store.TaskUpsert(new TaskUpsertParams(def, T0));
        var back = (await store.TaskGet("full"))!.Definition;
        Assert.Equal(def.Parameters.ToJsonString(), back.Parameters.ToJsonString());
        Assert.Equal(def.Overlap, back.Overlap);
        Assert.Equal(def.Misfire, back.Misfire);
        Assert.Equal(def.Retention, back.Retention);
        Assert.Equal(def.Retry, back.Retry);
        Assert.Equal(def.Timeout, back.Timeout);
        Assert.Equal(def.MinSpacing, back.MinSpacing);
        Assert.Equal(["a", "b"], back.Tags);
        Assert.Equal(TaskOrigin.Config, back.Origin);
        Assert.Equal(3, back.PauseAfterFailures);
    }

    [Fact]
    public async Task TaskSetEnabled_PauseWithReasonAndUntil_IsListedResumableAfterUntil()
    {
        await using var store = await CreateStoreAsync();
        await store.TaskUpsert(new TaskUpsertParams(Def("p"), T0));
        Assert.True(await store.TaskSetEnabled(new TaskSetEnabledParams("p", false, "maintenance", T0.AddHours(1), T0)));
        var paused = (await store.TaskGet("p"))!;
        Assert.False(paused.Definition.Enabled);
        Assert.Equal("maintenance", paused.Definition.PausedReason);
        Assert.Equal(T0.AddHours(1), paused.Definition.PausedUntil);
        Assert.Empty(await store.TaskListResumable(T0.AddMinutes(59)));
        Assert.Single(await store.TaskListResumable(T0.AddHours(1)));
        Assert.True(await store.TaskSetEnabled(new TaskSetEnabledParams("p", true, null, null, T0)));
        Assert.True((await store.TaskGet("p"))!.Definition.Enabled);
        Assert.False(await store.TaskSetEnabled(new TaskSetEnabledParams("missing", false, "x", null, T0)));
    }

    [Fact]
    public async Task TaskList_FiltersByOwnerAndEnabled()
    {
        await using var store = await CreateStoreAsync();
        await store.TaskUpsert(new TaskUpsertParams(Def("a") with { Owner = "alice" }, T0));
        await store.TaskUpsert(new TaskUpsertParams(Def("b") with { Owner = "bob", Enabled = false }, T0));
        Assert.Equal(["a", "b"], (await store.TaskList(new TaskListParams())).Select(t => t.Name));
        Assert.Equal(["b"], (await store.TaskList(new TaskListParams(Owner: "bob"))).Select(t => t.Name));
        Assert.Equal(["a"], (await store.TaskList(new TaskListParams(Enabled: true))).Select(t => t.Name));
    }

    [Fact]
    public async Task TaskDelete_RemovesTaskSchedulesAndRuns()
    {
        await using var store = await CreateStoreAsync();
        var t = await store.TaskUpsert(new TaskUpsertParams(Def("gone"), T0));
        await store.ScheduleSync(new ScheduleSyncParams(t.Id, [Item("s", T0)], T0));
        var runId = await InsertOne(store, Run(t.Id));
        Assert.True(await store.TaskDelete("gone"));
        Assert.Null(await store.TaskGet("gone"));
        Assert.Null(await store.RunGet(runId));
        Assert.Empty(await store.ScheduleList(new ScheduleListParams()));
        Assert.False(await store.TaskDelete("gone"));
    }

    protected static ScheduleSyncItem Item(string name, DateTimeOffset? next, string cron = "0 * * * *") =>
        new(new ScheduleDefinition { Name = name, Specs = [TriggerSpec.ForCron(cron)] }, next, next);
}
