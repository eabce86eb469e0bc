using System.Text.Json.Nodes;
using Rota.Runs;
using Rota.Storage;
using Rota.Tasks;

namespace Rota.Storage.Tests;

public abstract partial class StoreConformanceTests
{
    private static TaskDefinition Parallel(string name) => Def(name) with { Overlap = new OverlapPolicy(OverlapKind.AllowAll) };

    [Fact]
    public async Task RunInsertMany_SameIdempotencyKey_ReturnsFirstRun()
    {
        await using var store = await CreateStoreAsync();
        var t = await store.TaskUpsert(new TaskUpsertParams(Def("i"), T0));
        var first = await store.RunInsertMany([Run(t.Id, key: "k1")]);
        var again = await store.RunInsertMany([Run(t.Id, key: "k1"), Run(t.Id, key: "k2")]);
        Assert.True(first[0].Inserted);
        Assert.Equal((first[0].Id, false), (again[0].Id, again[0].Inserted));
        Assert.True(again[1].Inserted);
        Assert.Equal(2, (await store.RunList(new RunListParams())).Count);
    }

    [Fact]
    public async Task RunClaimNext_OrdersByPriorityThenTime_AndSkipsFutureRuns()
    {
        await using var store = await CreateStoreAsync();
        var t = await store.TaskUpsert(new TaskUpsertParams(Parallel("c"), T0));
        var low = await InsertOne(store, Run(t.Id, T0.AddSeconds(-10)));
        var high = await InsertOne(store, Run(t.Id, T0, priority: 5));
        var older = await InsertOne(store, Run(t.Id, T0.AddSeconds(-20)));
        var future = await InsertOne(store, Run(t.Id, T0.AddMinutes(1), status: RunStatus.Scheduled));

        var claimed = await Claim(store, limit: 10);
        Assert.Equal([high, older, low], claimed.Select(r => r.Id));
        Assert.All(claimed, r => Assert.Equal((RunStatus.Running, 1, "n1", T0), (r.Status, r.Attempt, r.Node, r.StartedAt!.Value)));
        Assert.Empty(await Claim(store));
        Assert.Equal(future, Assert.Single(await Claim(store, now: T0.AddMinutes(1))).Id);
    }

    [Fact]
    public async Task RunClaimNext_TaskConcurrencyLimit_IsHonouredAcrossClaims()
    {
        await using var store = await CreateStoreAsync();
        var one = await store.TaskUpsert(new TaskUpsertParams(Def("serial"), T0));
        var two = await store.TaskUpsert(new TaskUpsertParams(Def("pair") with { Overlap = new OverlapPolicy(OverlapKind.AllowAll, 2) }, T0));
        await store.RunInsertMany([Run(one.Id), Run(one.Id), Run(two.Id), Run(two.Id), Run(two.Id)]);

        var first = await Claim(store, limit: 10);
        Assert.Equal(1, first.Count(r => r.TaskName == "serial"));
        Assert.Equal(2, first.Count(r => r.TaskName == "pair"));
        Assert.Empty(await Claim(store, limit: 10));

        await store.RunCompleteMany([Done(first.First(r => r.TaskName == "serial"))]);
        var next = Assert.Single(await Claim(store, limit: 10));
        Assert.Equal("serial", next.TaskName);
    }

    [Fact]
    public async Task RunClaimNext_LimitIsRespected()
    {
        await using var store = await CreateStoreAsync();
        var t = await store.TaskUpsert(new TaskUpsertParams(Parallel("many"), T0));
        await store.RunInsertMany(Enumerable.Range(0, 25).Select(_ => Run(t.Id)).ToList());
        Assert.Equal(7, (await Claim(store, limit: 7)).Count);
        Assert.Equal(18, (await Claim(store, limit: 100)).Count);
    }

    [Fact]
    public async Task RunCompleteMany_Success_StoresStatsLogsAttemptAndTaskOutcome()
    {
        await using var store = await CreateStoreAsync();
        var t = await store.TaskUpsert(new TaskUpsertParams(Def("ok"), T0));
        await InsertOne(store, Run(t.Id));
        var run = Assert.Single(await Claim(store));
        var applied = await store.RunCompleteMany([Done(run) with { Stats = new JsonObject { ["items_new"] = 4 }, Logs = "line\n", Progress = 100 }]);

        Assert.Equal(1, applied);
        var back = (await store.RunGet(run.Id))!;
        Assert.Equal(RunStatus.Succeeded, back.Status);
        Assert.Equal(4, back.Stats!["items_new"]!.GetValue<int>());
        Assert.Equal("line\n", back.Logs);
        Assert.Equal(TimeSpan.FromSeconds(1), back.Duration);
        var attempt = Assert.Single(await store.RunAttemptList(run.Id));
        Assert.Equal((1, RunStatus.Succeeded, "n1"), (attempt.Attempt, attempt.Status, attempt.Node));
        var task = (await store.TaskGet("ok"))!;
        Assert.Equal(RunStatus.Succeeded, task.LastStatus);
        Assert.Equal(T0.AddSeconds(1), task.LastRunAt);
    }

    [Fact]
    public async Task RunCompleteMany_StaleAttempt_IsIgnored()
    {
        await using var store = await CreateStoreAsync();
        var t = await store.TaskUpsert(new TaskUpsertParams(Def("stale"), T0));
        await InsertOne(store, Run(t.Id));
        var run = Assert.Single(await Claim(store));
        Assert.True(await store.RunAbandon(new RunAbandonParams(run.Id, run.Attempt, "gone", T0)));
        Assert.Equal(0, await store.RunCompleteMany([Done(run)]));
        Assert.Equal(RunStatus.Abandoned, (await store.RunGet(run.Id))!.Status);
    }

    [Fact]
    public async Task RunCompleteMany_RetryThenSnooze_ReschedulesAndSnoozeKeepsAttempt()
    {
        await using var store = await CreateStoreAsync();
        var t = await store.TaskUpsert(new TaskUpsertParams(Def("retry"), T0));
        await InsertOne(store, Run(t.Id));
        var run = Assert.Single(await Claim(store));
        var error = new RunError("x.boom", "boom", null, true);
        await store.RunCompleteMany([Done(run, RunStatus.Scheduled) with { NextScheduledAt = T0.AddSeconds(30), Error = error }]);
        var waiting = (await store.RunGet(run.Id))!;
        Assert.Equal((RunStatus.Scheduled, 1, T0.AddSeconds(30)), (waiting.Status, waiting.Attempt, waiting.ScheduledAt));
        Assert.Equal("x.boom", waiting.Error!.Type);
        Assert.Empty(await Claim(store, now: T0.AddSeconds(29)));

        var second = Assert.Single(await Claim(store, now: T0.AddSeconds(30)));
        Assert.Equal(2, second.Attempt);
        await store.RunCompleteMany([Done(second, RunStatus.Scheduled) with { NextScheduledAt = T0.AddMinutes(5), IsSnooze = true }]);
        var third = Assert.Single(await Claim(store, now: T0.AddMinutes(5)));
        Assert.Equal(2, third.Attempt);
        Assert.Equal([1], (await store.RunAttemptList(run.Id)).Select(a => a.Attempt));
    }

    [Fact]
    public async Task RunCompleteMany_ConsecutiveFailures_PauseTaskAtThreshold()
    {
        await using var store = await CreateStoreAsync();
        var t = await store.TaskUpsert(new TaskUpsertParams(Parallel("flaky") with { PauseAfterFailures = 2 }, T0));
        for (var i = 0; i < 2; i++)
        {
            await InsertOne(store, Run(t.Id, maxAttempts: 1));
            var run = Assert.Single(await Claim(store));
            await store.RunCompleteMany([Done(run, RunStatus.Failed) with { Error = new RunError("e", "bad") }]);
            Assert.Equal(i + 1, (await store.TaskGet("flaky"))!.ConsecutiveFailures);
        }
        var task = (await store.TaskGet("flaky"))!;
        Assert.False(task.Definition.Enabled);
        Assert.Contains("2 consecutive failures", task.Definition.PausedReason);
    }

    [Fact]
    public async Task RunCancel_EachState_HasItsOutcome()
    {
        await using var store = await CreateStoreAsync();
        var t = await store.TaskUpsert(new TaskUpsertParams(Parallel("cancel"), T0));
        var waiting = await InsertOne(store, Run(t.Id, T0.AddHours(1), status: RunStatus.Scheduled));
        await InsertOne(store, Run(t.Id));
        var running = Assert.Single(await Claim(store));

        Assert.Equal(RunCancelOutcome.Cancelled, (await store.RunCancel(new RunCancelParams(waiting, "no", T0))).Outcome);
        Assert.Equal(RunCancelOutcome.CancelRequested, (await store.RunCancel(new RunCancelParams(running.Id, "stop", T0))).Outcome);
        Assert.Equal([running.Id], await store.RunHeartbeatMany(new RunHeartbeatParams([running.Id], T0.AddMinutes(1))));
        Assert.Equal(RunCancelOutcome.AlreadyFinished, (await store.RunCancel(new RunCancelParams(waiting, "again", T0))).Outcome);
        Assert.Equal(RunCancelOutcome.NotFound, (await store.RunCancel(new RunCancelParams(999_999, "x", T0))).Outcome);
        var cancelled = (await store.RunGet(waiting))!;
        Assert.Equal((RunStatus.Cancelled, "no"), (cancelled.Status, cancelled.Reason));
    }

    [Fact]
    public async Task RunRescue_ExpiredLease_RetriesOrAbandons_AndSparesOwnNode()
    {
        await using var store = await CreateStoreAsync();
        var t = await store.TaskUpsert(new TaskUpsertParams(Parallel("resc"), T0));
        await InsertOne(store, Run(t.Id, maxAttempts: 2));
        await InsertOne(store, Run(t.Id, maxAttempts: 1));
        await InsertOne(store, Run(t.Id, maxAttempts: 2));
        var dead = await Claim(store, limit: 2, node: "dead");
        var mine = Assert.Single(await Claim(store, node: "me"));

        Assert.Empty(await store.RunRescue(new RunRescueParams(T0.AddSeconds(10), "me", false, TimeSpan.Zero)));
        var rescued = await store.RunRescue(new RunRescueParams(T0.AddMinutes(1), "me", false, TimeSpan.Zero));
        Assert.Equal(dead.Select(d => d.Id).Order(), rescued.Select(r => r.RunId).Order());
        Assert.Contains(rescued, r => r.NewStatus == RunStatus.Scheduled);
        Assert.Contains(rescued, r => r.NewStatus == RunStatus.Abandoned);
        Assert.Equal(RunStatus.Running, (await store.RunGet(mine.Id))!.Status);
        var retried = (await store.RunGet(rescued.First(r => r.NewStatus == RunStatus.Scheduled).RunId))!;
        Assert.Equal("run.orphaned", retried.Error!.Type);
    }

    [Fact]
    public async Task RunRescue_WithTerm_OnlyTheCurrentUnexpiredLeaderRescues()
    {
        await using var store = await CreateStoreAsync();
        var t = await store.TaskUpsert(new TaskUpsertParams(Parallel("fence"), T0));
        await InsertOne(store, Run(t.Id, maxAttempts: 2));
        await Claim(store, node: "dead");
        var old = await store.LeaderAcquireOrRenew(new LeaderAcquireParams("old", T0, T0.AddSeconds(30)));
        var now = T0.AddMinutes(1);
        var current = await store.LeaderAcquireOrRenew(new LeaderAcquireParams("new", now, now.AddSeconds(30)));
        Assert.True(current.IsLeader);

        // The deposed leader, still carrying its term, and a leader whose own lease ran out both find nothing.
        Assert.Empty(await store.RunRescue(new RunRescueParams(now, "old", false, TimeSpan.Zero, Term: old.Term)));
        Assert.Empty(await store.RunRescue(new RunRescueParams(now.AddSeconds(31), "new", false, TimeSpan.Zero, Term: current.Term)));
        Assert.Single(await store.RunRescue(new RunRescueParams(now, "new", false, TimeSpan.Zero, Term: current.Term)));
    }

    [Fact]
    public async Task RunRescue_AllOtherNodes_RescuesUnexpiredLeases()
    {
        await using var store = await CreateStoreAsync();
        var t = await store.TaskUpsert(new TaskUpsertParams(Parallel("boot"), T0));
        await InsertOne(store, Run(t.Id));
        await Claim(store, node: "previous-process");
        Assert.Single(await store.RunRescue(new RunRescueParams(T0, "me", true, TimeSpan.Zero)));
    }

    [Fact]
    public async Task RunPrune_KeepsNewestPerClassAndDropsOld()
    {
        await using var store = await CreateStoreAsync();
        var t = await store.TaskUpsert(new TaskUpsertParams(Parallel("pr") with { Retention = new RetentionPolicy(2, 1, TimeSpan.FromDays(10)) }, T0));
        var ids = new List<long>();
        foreach (var status in new[] { RunStatus.Succeeded, RunStatus.Succeeded, RunStatus.Succeeded, RunStatus.Failed, RunStatus.Failed })
        {
            await InsertOne(store, Run(t.Id, maxAttempts: 1));
            var r = Assert.Single(await Claim(store));
            await store.RunCompleteMany([Done(r, status)]);
            ids.Add(r.Id);
        }
        var active = await InsertOne(store, Run(t.Id, T0.AddDays(1), status: RunStatus.Scheduled));
        Assert.Equal(2, await store.RunPrune(new RunPruneParams(T0)));
        var left = (await store.RunList(new RunListParams())).Select(r => r.Id).Order().ToList();
        Assert.Equal([ids[1], ids[2], ids[4], active], left);
        Assert.Equal(3, await store.RunPrune(new RunPruneParams(T0.AddDays(11))));
        Assert.Equal([active], (await store.RunList(new RunListParams())).Select(r => r.Id));
    }

    [Fact]
    public async Task RunList_FiltersAndCursor()
    {
        await using var store = await CreateStoreAsync();
        var a = await store.TaskUpsert(new TaskUpsertParams(Parallel("la"), T0));
        var b = await store.TaskUpsert(new TaskUpsertParams(Parallel("lb"), T0));
        var ids = new List<long>();
        for (var i = 0; i < 5; i++) ids.Add(await InsertOne(store, Run(a.Id)));
        await InsertOne(store, Run(b.Id) with { Trigger = RunTrigger.Api });
        var page1 = await store.RunList(new RunListParams { TaskName = "la", Limit = 2 });
        Assert.Equal([ids[4], ids[3]], page1.Select(r => r.Id));
        var page2 = await store.RunList(new RunListParams { TaskName = "la", Limit = 2, BeforeId = page1[^1].Id });
        Assert.Equal([ids[2], ids[1]], page2.Select(r => r.Id));
        Assert.Equal("lb", Assert.Single(await store.RunList(new RunListParams { Trigger = RunTrigger.Api })).TaskName);
        Assert.Equal(6, (await store.RunList(new RunListParams { Status = RunStatus.Available })).Count);
    }

    [Fact]
    public async Task RunProgressAndCounts_ReflectRunningWork()
    {
        await using var store = await CreateStoreAsync();
        var t = await store.TaskUpsert(new TaskUpsertParams(Parallel("pc"), T0));
        await store.RunInsertMany([Run(t.Id), Run(t.Id), Run(t.Id, T0.AddMinutes(2), status: RunStatus.Scheduled)]);
        var r = (await Claim(store, limit: 1))[0];
        await store.RunProgressMany([new RunProgressParams(r.Id, 40, "halfway")]);
        var back = (await store.RunGet(r.Id))!;
        Assert.Equal((40, "halfway"), (back.Progress, back.ProgressText));
        Assert.Equal(new RunActiveCount(1, 2), (await store.RunActiveCounts([t.Id]))[t.Id]);
        Assert.Equal(T0, await store.RunLastStartedAt(t.Id));
        Assert.Equal(T0, await store.RunNextScheduledAt());
        Assert.Equal(3, (await store.RunActiveList(new RunActiveListParams(t.Id))).Count);
    }
}
