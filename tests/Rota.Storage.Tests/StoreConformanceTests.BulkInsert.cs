using System.Text.Json.Nodes;
using Rota.Runs;
using Rota.Storage;

namespace Rota.Storage.Tests;

/// <summary>Large RunInsertMany batches: on PostgreSQL one without keys goes by binary COPY, one with keys by the
/// ON CONFLICT statement; both must behave like SQLite's row-by-row insert.</summary>
public abstract partial class StoreConformanceTests
{
    private static readonly RunStatus[] BulkStatuses =
        [RunStatus.Available, RunStatus.Scheduled, RunStatus.Skipped, RunStatus.Missed, RunStatus.Cancelled];

    /// <summary>Run <paramref name="i"/> of a bulk batch: every column varies, nullable ones are null in some rows.</summary>
    private static RunInsertParams BulkRun(int i, long taskId, long scheduleId, long parentId) => new()
    {
        TaskId = taskId,
        ScheduleId = i % 4 == 0 ? scheduleId : null,
        // Not 'schedule': a schedule id with a nominal time under another trigger holds no occurrence key.
        Trigger = i % 3 == 0 ? RunTrigger.Api : RunTrigger.Manual,
        TriggeredBy = i % 2 == 0 ? $"user-{i % 7}" : null,
        Status = BulkStatuses[i % BulkStatuses.Length],
        Reason = i % 5 >= 2 ? $"reason \"{i}\" é" : null,
        Queue = $"q{i % 3}",
        Priority = i % 7 - 3,
        NominalTime = i % 4 == 0 ? T0.AddMinutes(i) : null,
        ScheduledAt = T0.AddSeconds(i).AddMilliseconds(i % 1000),
        MaxAttempts = 1 + i % 4,
        Parameters = i % 3 == 1 ? null : new JsonObject { ["i"] = i, ["text"] = $"ünï\"{i}\\", ["list"] = new JsonArray(1, "two", null) },
        ParentRunId = i % 6 == 0 ? parentId : null,
        Step = i % 6 == 0 ? $"step-{i % 5}" : null,
        Now = T0,
    };

    [Fact]
    public async Task RunInsertMany_LargeBatchWithoutKeys_KeepsInputOrder_AndStoresEveryColumn()
    {
        await using var store = await CreateStoreAsync();
        var t = await store.TaskUpsert(new TaskUpsertParams(Def("bulk"), T0));
        var s = Assert.Single(await store.ScheduleSync(new ScheduleSyncParams(t.Id, [Item("hourly", T0)], T0)));
        var parent = await InsertOne(store, Run(t.Id));
        var input = Enumerable.Range(0, 2_500).Select(i => BulkRun(i, t.Id, s.Id, parent)).ToList();

        var results = await store.RunInsertMany(input);

        Assert.Equal(input.Count, results.Count);
        Assert.All(results, r => Assert.True(r.Inserted));
        Assert.True(results[0].Id > parent);
        for (var i = 1; i < results.Count; i++) Assert.True(results[i].Id > results[i - 1].Id, $"id of run {i} is not above the previous one");
        var stored = (await store.RunList(new RunListParams { TaskName = "bulk", Limit = 5_000 })).ToDictionary(r => r.Id);
        Assert.Equal(input.Count + 1, stored.Count);
        for (var i = 0; i < input.Count; i++) AssertStoredAsInserted(input[i], stored[results[i].Id], i);
    }

    private static void AssertStoredAsInserted(RunInsertParams expected, RunRecord actual, int i)
    {
        var waiting = expected.Status is RunStatus.Available or RunStatus.Scheduled;
        Assert.Equal(
            (expected.TaskId, expected.ScheduleId, expected.Trigger, expected.TriggeredBy, expected.Status, expected.Reason,
                expected.Queue, expected.Priority, expected.NominalTime, expected.ScheduledAt, expected.MaxAttempts),
            (actual.TaskId, actual.ScheduleId, actual.Trigger, actual.TriggeredBy, actual.Status, actual.Reason,
                actual.Queue, actual.Priority, actual.NominalTime, actual.ScheduledAt, actual.MaxAttempts));
        Assert.Equal((T0, waiting ? null : T0, 0, (string?)null), (actual.CreatedAt, actual.EndedAt, actual.Attempt, actual.IdempotencyKey));
        Assert.Equal((expected.ParentRunId, expected.Step), (actual.ParentRunId, actual.Step));
        Assert.True(JsonNode.DeepEquals(expected.Parameters, actual.Parameters),
            $"run {i}: parameters {actual.Parameters?.ToJsonString() ?? "null"} instead of {expected.Parameters?.ToJsonString() ?? "null"}");
    }

    [Fact]
    public async Task RunInsertMany_LargeBatchWithSomeKeys_StillDedupes()
    {
        await using var store = await CreateStoreAsync();
        var t = await store.TaskUpsert(new TaskUpsertParams(Def("mixed"), T0));
        var s = Assert.Single(await store.ScheduleSync(new ScheduleSyncParams(t.Id, [Item("hourly", T0)], T0)));
        var older = await InsertOne(store, Run(t.Id, key: "k0"));
        // Every 10th run has a key, each key twice (k0 was taken before); runs 1 and 2 fire the same occurrence.
        var input = Enumerable.Range(0, 300).Select(i => i switch
        {
            1 or 2 => Run(t.Id) with { Trigger = RunTrigger.Schedule, ScheduleId = s.Id, NominalTime = T0 },
            _ when i % 10 == 0 => Run(t.Id, key: $"k{i / 20}"),
            _ => Run(t.Id),
        }).ToList();

        var results = await store.RunInsertMany(input);

        Assert.Equal([(older, false), (older, false)], new[] { results[0], results[10] }.Select(r => (r.Id, r.Inserted)));
        Assert.Equal((results[1].Id, true, false), (results[2].Id, results[1].Inserted, results[2].Inserted));
        for (var i = 20; i < input.Count; i += 20)
        {
            Assert.True(results[i].Inserted, $"run {i} has the first use of its key");
            Assert.Equal((results[i].Id, false), (results[i + 10].Id, results[i + 10].Inserted));
        }
        Assert.Equal(2 + 14 + 1, results.Count(r => !r.Inserted));
        Assert.Equal(input.Count - 17 + 1, (await store.RunList(new RunListParams { TaskName = "mixed", Limit = 5_000 })).Count);
        Assert.Equal(results.Where(r => r.Inserted).Select(r => r.Id), results.Where(r => r.Inserted).Select(r => r.Id).Order());
    }

    [Fact]
    public async Task RunInsertMany_LargeBatchWithAnUnknownTask_InsertsNothing()
    {
        await using var store = await CreateStoreAsync();
        var t = await store.TaskUpsert(new TaskUpsertParams(Def("atomic"), T0));
        var input = Enumerable.Range(0, 200).Select(i => Run(t.Id) with { TaskId = i == 150 ? t.Id + 1_000 : t.Id }).ToList();

        // The type differs: PostgreSQL reports store.constraint, SQLite's foreign-key failure is not translated yet.
        await Assert.ThrowsAnyAsync<Exception>(() => store.RunInsertMany(input));

        Assert.Empty(await store.RunList(new RunListParams { TaskName = "atomic", Limit = 5_000 }));
    }
}
