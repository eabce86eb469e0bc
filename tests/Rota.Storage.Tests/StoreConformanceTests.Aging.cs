using Rota.Storage;

namespace Rota.Storage.Tests;

public abstract partial class StoreConformanceTests
{
    [Fact]
    public async Task RunClaimNext_WithAging_ALongWaitingLowPriorityRunOvertakesAFreshHighOne()
    {
        await using var store = await CreateStoreAsync();
        var low = await store.TaskUpsert(new TaskUpsertParams(Def("low"), T0));
        var high = await store.TaskUpsert(new TaskUpsertParams(Def("high"), T0));
        var old = await InsertOne(store, Run(low.Id, at: T0.AddMinutes(-10), priority: 0));
        var fresh = await InsertOne(store, Run(high.Id, at: T0.AddSeconds(-1), priority: 5));

        // Without aging: priority first.
        var plain = (await Claim(store, limit: 1)).Single();
        Assert.Equal(fresh, plain.Id);
        await store.RunCompleteMany([Done(plain)]);
        var another = await InsertOne(store, Run(high.Id, at: T0.AddSeconds(-1), priority: 5));

        // With aging (1 per minute): 0 + 10 minutes waited = 10 > 5.
        var aged = await store.RunClaimNext(new RunClaimNextParams("default", "n1", 1, T0, T0.AddSeconds(30), TimeSpan.FromMinutes(1)));
        Assert.Equal(old, Assert.Single(aged).Id);
        // Not aged enough: 0 + 4 minutes waited = 4 < 5, so the high-priority run goes first.
        await store.RunCompleteMany([Done(aged[0])]);
        await InsertOne(store, Run(low.Id, at: T0.AddMinutes(-4), priority: 0));
        var next = await store.RunClaimNext(new RunClaimNextParams("default", "n1", 1, T0, T0.AddSeconds(30), TimeSpan.FromMinutes(1)));
        Assert.Equal(another, Assert.Single(next).Id);
    }
}
