using Rota.Runs;
using Rota.Storage;

namespace Rota.Storage.Tests;

public abstract partial class StoreConformanceTests
{
    [Fact]
    public async Task ScheduleSync_UnchangedKeepsProgress_ChangedResets_MissingDeleted()
    {
        await using var store = await CreateStoreAsync();
        var t = await store.TaskUpsert(new TaskUpsertParams(Def("s"), T0));
        await store.ScheduleSync(new ScheduleSyncParams(t.Id, [Item("keep", T0), Item("change", T0), Item("drop", T0)], T0));
        var rows = await store.ScheduleList(new ScheduleListParams(t.Id));
        foreach (var r in rows)
            await store.ScheduleFireMany([new ScheduleFireParams(r.Id, [], T0, T0.AddHours(1), T0.AddHours(1), 1)]);

        await store.ScheduleSync(new ScheduleSyncParams(t.Id, [Item("keep", T0.AddDays(9)), Item("change", T0.AddDays(9), "5 * * * *")], T0));
        var after = (await store.ScheduleList(new ScheduleListParams(t.Id))).ToDictionary(r => r.Name);
        Assert.Equal(["change", "keep"], after.Keys.Order());
        Assert.Equal(T0.AddHours(1), after["keep"].NextNominalAt);
        Assert.Equal(T0, after["keep"].LastNominalAt);
        Assert.Equal(1, after["keep"].FireCount);
        Assert.Equal(T0.AddDays(9), after["change"].NextNominalAt);
        Assert.Null(after["change"].LastNominalAt);
        Assert.Equal(0, after["change"].FireCount);
        Assert.Equal("5 * * * *", after["change"].Definition.Specs[0].Cron);
    }

    [Fact]
    public async Task ScheduleGetDue_ReturnsOnlyDueSchedulesOfEnabledTasks_WithTheTask()
    {
        await using var store = await CreateStoreAsync();
        var a = await store.TaskUpsert(new TaskUpsertParams(Def("a"), T0));
        var b = await store.TaskUpsert(new TaskUpsertParams(Def("b"), T0));
        await store.ScheduleSync(new ScheduleSyncParams(a.Id, [Item("due", T0), Item("later", T0.AddMinutes(5))], T0));
        await store.ScheduleSync(new ScheduleSyncParams(b.Id, [Item("due", T0)], T0));
        await store.TaskSetEnabled(new TaskSetEnabledParams("b", false, "off", null, T0));

        var due = await store.ScheduleGetDue(new ScheduleGetDueParams(T0));
        var only = Assert.Single(due);
        Assert.Equal(("a", "due"), (only.TaskName, only.Name));
        Assert.Equal("a", only.Task!.Name);
        Assert.Equal(T0, await store.ScheduleNextFireAt());
    }

    [Fact]
    public async Task ScheduleFireMany_SameOccurrenceTwice_InsertsOneRun()
    {
        await using var store = await CreateStoreAsync();
        var t = await store.TaskUpsert(new TaskUpsertParams(Def("once"), T0));
        var s = (await store.ScheduleSync(new ScheduleSyncParams(t.Id, [Item("h", T0)], T0)))[0];
        RunInsertParams Occ() => Run(t.Id) with { ScheduleId = s.Id, NominalTime = T0, Trigger = RunTrigger.Schedule };

        var first = await store.ScheduleFireMany([new ScheduleFireParams(s.Id, [Occ()], T0, T0.AddHours(1), T0.AddHours(1), 1)]);
        var second = await store.ScheduleFireMany([new ScheduleFireParams(s.Id, [Occ()], T0, T0.AddHours(1), T0.AddHours(1), 1)]);

        Assert.True(first[0][0].Inserted);
        Assert.False(second[0][0].Inserted);
        Assert.Equal(first[0][0].Id, second[0][0].Id);
        Assert.Single(await store.RunList(new RunListParams { TaskName = "once" }));
        var row = await store.ScheduleGet(s.Id);
        Assert.Equal(T0.AddHours(1), row!.NextFireAt);
        Assert.Equal(T0, row.LastNominalAt);
    }

    [Fact]
    public async Task ScheduleSetNext_MovesNextFire()
    {
        await using var store = await CreateStoreAsync();
        var t = await store.TaskUpsert(new TaskUpsertParams(Def("n"), T0));
        var s = (await store.ScheduleSync(new ScheduleSyncParams(t.Id, [Item("h", null)], T0)))[0];
        Assert.Null(await store.ScheduleNextFireAt());
        await store.ScheduleSetNext(new ScheduleSetNextParams(s.Id, T0.AddMinutes(3), T0.AddMinutes(4)));
        Assert.Equal(T0.AddMinutes(4), await store.ScheduleNextFireAt());
    }

    [Fact]
    public async Task QueueUpsertListPause_ReflectCountsAndPauseBlocksClaims()
    {
        await using var store = await CreateStoreAsync();
        var t = await store.TaskUpsert(new TaskUpsertParams(Def("q", b => b.Value = b.Value with { Queue = "mail", Overlap = new(Tasks.OverlapKind.AllowAll) }), T0));
        await store.QueueUpsert(new QueueUpsertParams("mail", 3));
        await store.RunInsertMany([Run(t.Id, queue: "mail"), Run(t.Id, queue: "mail")]);
        var q = Assert.Single(await store.QueueList());
        Assert.Equal(("mail", 3, false, 2, 0), (q.Name, q.Concurrency, q.Paused, q.Waiting, q.Running));

        Assert.True(await store.QueueSetPaused(new QueueSetPausedParams("mail", true)));
        Assert.Empty(await Claim(store, queue: "mail"));
        await store.QueueSetPaused(new QueueSetPausedParams("mail", false));
        Assert.Equal(2, (await Claim(store, queue: "mail")).Count);
        Assert.Equal(2, (await store.QueueList())[0].Running);
    }

    [Fact]
    public async Task Migrations_DownToZeroAndUpAgain_LeaveAWorkingSchema()
    {
        await using var store = await CreateStoreAsync();
        var states = await store.MigrationList();
        Assert.All(states, s => Assert.True(s.Applied));
        var down = await store.MigrationDown(new MigrationDownParams(0));
        Assert.Equal(states.Select(s => s.Version).Reverse(), down);
        Assert.All(await store.MigrationList(), s => Assert.False(s.Applied));
        var up = await store.MigrationUp(new MigrationUpParams(T0));
        Assert.Equal(states.Select(s => s.Version), up);
        Assert.Empty(await store.MigrationUp(new MigrationUpParams(T0)));
        await store.TaskUpsert(new TaskUpsertParams(Def("after"), T0));
        Assert.NotNull(await store.TaskGet("after"));
    }

    [Fact]
    public async Task MigrationTarget_OutOfRange_IsRejectedWithCode()
    {
        await using var store = await CreateStoreAsync();
        var ex = await Assert.ThrowsAsync<RotaException>(() => store.MigrationDown(new MigrationDownParams(99)));
        Assert.Equal("store.migration_target", ex.Code);
    }
}
