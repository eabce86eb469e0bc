using Rota.Runs;
using Rota.Storage;
using Rota.Tasks;

namespace Rota.Storage.Tests;

public abstract partial class StoreConformanceTests
{
    [Fact]
    public async Task RunClaimNext_WithAhead_ClaimsLimitPlusAhead_InClaimOrder_AllLeased()
    {
        await using var store = await CreateStoreAsync();
        var task = await store.TaskUpsert(new TaskUpsertParams(Def("stream", b => b.Value = b.Value with { Overlap = new OverlapPolicy(OverlapKind.AllowAll) }), T0));
        var ids = new List<long>();
        for (var i = 0; i < 8; i++) ids.Add(await InsertOne(store, Run(task.Id, at: T0.AddSeconds(-8 + i))));

        var claimed = await store.RunClaimNext(new RunClaimNextParams("default", "n1", 2, T0, T0.AddSeconds(30), Ahead: 3));

        // Oldest first (equal priorities), every one running under this node's lease; the rest still waits.
        Assert.Equal(ids.Take(5), claimed.Select(r => r.Id));
        Assert.All(claimed, r => Assert.Equal((RunStatus.Running, "n1", 1), (r.Status, r.Node, r.Attempt)));
        var rest = await Claim(store, limit: 10);
        Assert.Equal(ids.Skip(5), rest.Select(r => r.Id));
    }

    [Fact]
    public async Task RunClaimNext_OnlyAhead_NoFreeSlot_StillClaimsForTheBuffer()
    {
        await using var store = await CreateStoreAsync();
        var task = await store.TaskUpsert(new TaskUpsertParams(Def("stream", b => b.Value = b.Value with { Overlap = new OverlapPolicy(OverlapKind.AllowAll) }), T0));
        for (var i = 0; i < 3; i++) await InsertOne(store, Run(task.Id));

        var claimed = await store.RunClaimNext(new RunClaimNextParams("default", "n1", 0, T0, T0.AddSeconds(30), Ahead: 2));

        Assert.Equal(2, claimed.Count);
    }
}
