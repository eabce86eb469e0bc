using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Rota.Scheduling;
using Rota.Storage;
using Rota.Tasks;
using Rota.TestSupport;

namespace Rota.Tests.Cluster;

/// <summary>Two engines on one store and one fake clock: only the leader fires schedules, and leadership moves
/// when the leader stops heartbeating past its lease.</summary>
public sealed class LeaderElectionTests
{
    private static readonly TaskDefinition Every10s = new()
    {
        Name = "tick",
        Handler = "noop",
        Schedules = [new ScheduleDefinition { Specs = [TriggerSpec.ForEvery(TimeSpan.FromSeconds(10))] }],
    };

    private static RotaEngine Second(TestEngine te, string name) =>
        new(te.Store, new RotaOptions { NodeName = name, ShutdownGrace = TimeSpan.Zero, SingleNode = false }, te.Time,
            new ServiceCollection().AddSingleton<TimeProvider>(te.Time).BuildServiceProvider(), NullLoggerFactory.Instance);

    private static Task<int> RunCount(TestEngine te) =>
        te.Store.RunList(new RunListParams { TaskName = "tick" }).ContinueWith(t => t.Result.Count, TaskScheduler.Default);

    [Fact]
    public async Task TwoEngines_OnlyLeaderFires_AndLeadershipMovesAfterLeaseExpiry()
    {
        await using var a = await TestEngine.CreateAsync(o => { o.NodeName = "node-a"; o.SingleNode = false; });
        await using var b = Second(a, "node-b");
        await a.Client.ApplyAsync(Every10s);

        await a.Engine.ClusterHeartbeatAsync();
        await b.ClusterHeartbeatAsync();
        Assert.True(a.Engine.IsLeader);
        Assert.False(b.IsLeader);

        a.Time.Advance(TimeSpan.FromSeconds(10));
        await b.RunDueAsync();
        Assert.Equal(0, await RunCount(a));
        await a.Engine.RunDueAsync();
        Assert.Equal(1, await RunCount(a));

        // node-a stops heartbeating; past its 30 s lease it no longer leads and node-b takes over in term 2.
        a.Time.Advance(TimeSpan.FromSeconds(19));
        await b.ClusterHeartbeatAsync();
        Assert.False(b.IsLeader);
        a.Time.Advance(TimeSpan.FromSeconds(2));
        Assert.False(a.Engine.IsLeader);
        await b.ClusterHeartbeatAsync();
        Assert.True(b.IsLeader);
        Assert.Equal(new LeaderState(false, 2, "node-b", a.Time.GetUtcNow().AddSeconds(30)), await a.Store.LeaderGet());

        var before = await RunCount(a);
        await a.Engine.RunDueAsync();
        Assert.Equal(before, await RunCount(a));
        await b.RunDueAsync();
        Assert.True(await RunCount(a) > before);

        await a.Engine.ClusterHeartbeatAsync();
        Assert.False(a.Engine.IsLeader);
        var nodes = await a.Store.NodeList();
        Assert.Equal([("node-a", "follower"), ("node-b", "leader")], nodes.Select(n => (n.Name, n.Role)));
    }

    [Fact]
    public async Task LeaderHeartbeating_KeepsLeadershipInSameTerm()
    {
        await using var a = await TestEngine.CreateAsync(o => { o.NodeName = "node-a"; o.SingleNode = false; });
        await using var b = Second(a, "node-b");
        for (var i = 0; i < 6; i++)
        {
            await a.Engine.ClusterHeartbeatAsync();
            await b.ClusterHeartbeatAsync();
            a.Time.Advance(TimeSpan.FromSeconds(10));
        }
        Assert.True(a.Engine.IsLeader);
        Assert.False(b.IsLeader);
        Assert.Equal(1, (await a.Store.LeaderGet()).Term);
    }

    [Fact]
    public async Task StopAsync_Leader_ReleasesLeaseAndLeavesRegistry()
    {
        await using var a = await TestEngine.CreateAsync(o => { o.NodeName = "node-a"; o.SingleNode = false; });
        await using var b = Second(a, "node-b");
        await a.Engine.StartAsync(CancellationToken.None);
        Assert.True(a.Engine.IsLeader);
        Assert.Equal(["node-a"], (await a.Store.NodeList()).Select(n => n.Name));

        await a.Engine.StopAsync(CancellationToken.None);
        Assert.Empty(await a.Store.NodeList());
        await b.ClusterHeartbeatAsync();
        Assert.True(b.IsLeader);
        Assert.Equal(2, (await a.Store.LeaderGet()).Term);
    }

    [Fact]
    public async Task SingleNode_LeadsWithoutElection()
    {
        await using var te = await TestEngine.CreateAsync();
        await te.Engine.ClusterHeartbeatAsync();
        Assert.True(te.Engine.IsLeader);
        Assert.Null((await te.Store.LeaderGet()).Holder);
        Assert.Equal("leader", Assert.Single(await te.Store.NodeList()).Role);
    }
}
