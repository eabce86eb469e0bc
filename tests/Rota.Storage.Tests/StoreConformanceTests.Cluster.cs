using Rota.Storage;

namespace Rota.Storage.Tests;

public abstract partial class StoreConformanceTests
{
    private static LeaderAcquireParams Acquire(string node, DateTimeOffset now) => new(node, now, now.AddSeconds(30));

    [Fact]
    public async Task NodeRegister_ThenHeartbeat_ListsRoleRunningAndTimes()
    {
        await using var store = await CreateStoreAsync();
        await store.NodeRegister(new NodeRegisterParams("b", "1.0", T0));
        await store.NodeRegister(new NodeRegisterParams("a", "1.1", T0.AddSeconds(1)));
        Assert.True(await store.NodeHeartbeat(new NodeHeartbeatParams("a", "leader", 3, T0.AddSeconds(5))));
        var nodes = await store.NodeList();
        Assert.Equal(["a", "b"], nodes.Select(n => n.Name));
        Assert.Equal(new NodeRow("a", T0.AddSeconds(1), T0.AddSeconds(5), "leader", 3, "1.1"), nodes[0]);
        Assert.Equal(new NodeRow("b", T0, T0, "follower", 0, "1.0"), nodes[1]);
    }

    [Fact]
    public async Task NodeRegister_SameNameAgain_ResetsStartAndRole()
    {
        await using var store = await CreateStoreAsync();
        await store.NodeRegister(new NodeRegisterParams("a", "1.0", T0));
        await store.NodeHeartbeat(new NodeHeartbeatParams("a", "leader", 2, T0.AddSeconds(5)));
        await store.NodeRegister(new NodeRegisterParams("a", "1.1", T0.AddMinutes(1)));
        Assert.Equal(new NodeRow("a", T0.AddMinutes(1), T0.AddMinutes(1), "follower", 0, "1.1"), Assert.Single(await store.NodeList()));
    }

    private static NodeBeatParams Beat(string node, DateTimeOffset now, bool elect = true, int running = 0) =>
        new(node, "2.0", running, elect, now, now.AddSeconds(30), now.AddSeconds(-90));

    [Fact]
    public async Task NodeBeat_Cluster_ElectsRegistersAndRemovesStale_InOneCall()
    {
        await using var store = await CreateStoreAsync();
        await store.NodeRegister(new NodeRegisterParams("a", "2.0", T0));
        await store.NodeRegister(new NodeRegisterParams("gone", "1.0", T0));

        var a = await store.NodeBeat(Beat("a", T0.AddSeconds(100), running: 4));
        Assert.Equal(new LeaderState(true, 1, "a", T0.AddSeconds(130)), a.Leader);
        Assert.False(a.Registered);
        Assert.Equal(1, a.RemovedStale);
        // A node the leader removed (or never saw) is registered by its beat; it follows, and removes nothing.
        var b = await store.NodeBeat(Beat("b", T0.AddSeconds(101)));
        Assert.Equal(new LeaderState(false, 1, "a", T0.AddSeconds(130)), b.Leader);
        Assert.True(b.Registered);
        Assert.Equal(0, b.RemovedStale);
        var nodes = await store.NodeList();
        Assert.Equal(new NodeRow("a", T0, T0.AddSeconds(100), "leader", 4, "2.0"), nodes[0]);
        Assert.Equal(new NodeRow("b", T0.AddSeconds(101), T0.AddSeconds(101), "follower", 0, "2.0"), nodes[1]);

        // The lease runs out: b's next beat takes it in a new term; a's following beat finds itself follower.
        Assert.Equal(new LeaderState(true, 2, "b", T0.AddSeconds(161)), (await store.NodeBeat(Beat("b", T0.AddSeconds(131)))).Leader);
        var a2 = await store.NodeBeat(Beat("a", T0.AddSeconds(132)));
        Assert.False(a2.Leader.IsLeader);
        Assert.Equal("b", a2.Leader.Holder);
        Assert.Equal(["follower", "leader"], (await store.NodeList()).Select(n => n.Role));
    }

    [Fact]
    public async Task NodeBeat_SingleNode_LeadsWithoutTakingTheLease()
    {
        await using var store = await CreateStoreAsync();
        await store.NodeRegister(new NodeRegisterParams("old", "1.0", T0));
        var r = await store.NodeBeat(Beat("solo", T0.AddSeconds(100), elect: false));
        Assert.True(r.Leader.IsLeader);
        Assert.True(r.Registered);
        Assert.Equal(1, r.RemovedStale);
        Assert.Equal(new LeaderState(false, 0, null, (await store.LeaderGet()).LeaseUntil), await store.LeaderGet());
        Assert.Equal("leader", Assert.Single(await store.NodeList()).Role);
        Assert.Null(r.OldestRunningLease);
        Assert.Null(r.NextResumeAt);
    }

    [Fact]
    public async Task NodeBeat_ReportsTheEarliestPauseEnd_AndTheOldestRunningLease()
    {
        await using var store = await CreateStoreAsync();
        var task = await store.TaskUpsert(new TaskUpsertParams(new Tasks.TaskDefinition { Name = "t", Handler = "noop" }, T0));
        await store.TaskSetEnabled(new TaskSetEnabledParams("t", false, "maintenance", T0.AddHours(2), T0));
        await store.RunInsertMany([new RunInsertParams { TaskId = task.Id, ScheduledAt = T0, Now = T0 }]);
        await store.RunClaimNext(new RunClaimNextParams("default", "a", 5, T0, T0.AddSeconds(30)));
        var r = await store.NodeBeat(Beat("a", T0.AddSeconds(1)));
        Assert.Equal(T0.AddHours(2), r.NextResumeAt);
        Assert.Equal(T0.AddSeconds(30), r.OldestRunningLease);
    }

    [Fact]
    public async Task NodeHeartbeat_UnknownNode_ReturnsFalse()
    {
        await using var store = await CreateStoreAsync();
        Assert.False(await store.NodeHeartbeat(new NodeHeartbeatParams("ghost", "follower", 0, T0)));
        Assert.Empty(await store.NodeList());
    }

    [Fact]
    public async Task NodeRemoveStale_RemovesOnlyNodesSilentBeforeCutoff()
    {
        await using var store = await CreateStoreAsync();
        await store.NodeRegister(new NodeRegisterParams("old", "1", T0));
        await store.NodeRegister(new NodeRegisterParams("edge", "1", T0.AddSeconds(10)));
        await store.NodeRegister(new NodeRegisterParams("new", "1", T0.AddSeconds(20)));
        Assert.Equal(1, await store.NodeRemoveStale(new NodeRemoveStaleParams(T0.AddSeconds(10))));
        Assert.Equal(["edge", "new"], (await store.NodeList()).Select(n => n.Name));
        Assert.True(await store.NodeRemove("edge"));
        Assert.False(await store.NodeRemove("edge"));
        Assert.Equal(["new"], (await store.NodeList()).Select(n => n.Name));
    }

    [Fact]
    public async Task LeaderGet_FreshStore_HasNoHolderAndTermZero()
    {
        await using var store = await CreateStoreAsync();
        var s = await store.LeaderGet();
        Assert.Null(s.Holder);
        Assert.Equal(0, s.Term);
        Assert.False(s.IsLeader);
    }

    [Fact]
    public async Task LeaderAcquireOrRenew_FirstCaller_WinsTermOne()
    {
        await using var store = await CreateStoreAsync();
        var s = await store.LeaderAcquireOrRenew(Acquire("a", T0));
        Assert.Equal(new LeaderState(true, 1, "a", T0.AddSeconds(30)), s);
        Assert.Equal(new LeaderState(false, 1, "a", T0.AddSeconds(30)), await store.LeaderGet());
    }

    [Fact]
    public async Task LeaderAcquireOrRenew_HolderRenews_KeepsTermAndExtendsLease()
    {
        await using var store = await CreateStoreAsync();
        await store.LeaderAcquireOrRenew(Acquire("a", T0));
        var renewed = await store.LeaderAcquireOrRenew(Acquire("a", T0.AddSeconds(10)));
        Assert.Equal(new LeaderState(true, 1, "a", T0.AddSeconds(40)), renewed);
        // A holder whose lease lapsed with nobody taking over renews in the same term too.
        var late = await store.LeaderAcquireOrRenew(Acquire("a", T0.AddMinutes(5)));
        Assert.Equal(new LeaderState(true, 1, "a", T0.AddMinutes(5).AddSeconds(30)), late);
    }

    [Fact]
    public async Task LeaderAcquireOrRenew_OtherNodeBeforeExpiry_LosesAndSeesHolder()
    {
        await using var store = await CreateStoreAsync();
        await store.LeaderAcquireOrRenew(Acquire("a", T0));
        Assert.Equal(new LeaderState(false, 1, "a", T0.AddSeconds(30)), await store.LeaderAcquireOrRenew(Acquire("b", T0.AddSeconds(29))));
        // Exactly at lease_until the lease still holds: takeover needs lease_until < now.
        Assert.False((await store.LeaderAcquireOrRenew(Acquire("b", T0.AddSeconds(30)))).IsLeader);
    }

    [Fact]
    public async Task LeaderAcquireOrRenew_OtherNodeAfterExpiry_TakesOverWithNextTerm()
    {
        await using var store = await CreateStoreAsync();
        await store.LeaderAcquireOrRenew(Acquire("a", T0));
        var b = await store.LeaderAcquireOrRenew(Acquire("b", T0.AddSeconds(31)));
        Assert.Equal(new LeaderState(true, 2, "b", T0.AddSeconds(61)), b);
        Assert.False((await store.LeaderAcquireOrRenew(Acquire("a", T0.AddSeconds(32)))).IsLeader);
        var back = await store.LeaderAcquireOrRenew(Acquire("a", T0.AddSeconds(62)));
        Assert.Equal(new LeaderState(true, 3, "a", T0.AddSeconds(92)), back);
    }

    [Fact]
    public async Task LeaderRelease_ByHolder_LetsAnotherNodeTakeOverAtOnce()
    {
        await using var store = await CreateStoreAsync();
        await store.LeaderAcquireOrRenew(Acquire("a", T0));
        Assert.False(await store.LeaderRelease(new LeaderReleaseParams("b", T0.AddSeconds(5))));
        Assert.True(await store.LeaderRelease(new LeaderReleaseParams("a", T0.AddSeconds(5))));
        Assert.Equal(new LeaderState(false, 1, null, T0.AddSeconds(5)), await store.LeaderGet());
        Assert.Equal(new LeaderState(true, 2, "b", T0.AddSeconds(35)), await store.LeaderAcquireOrRenew(Acquire("b", T0.AddSeconds(5))));
    }
}
