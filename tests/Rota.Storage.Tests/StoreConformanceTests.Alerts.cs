using Rota.Storage;

namespace Rota.Storage.Tests;

public abstract partial class StoreConformanceTests
{
    [Fact]
    public async Task AlertStateFire_OnceWhileFiring_CountsSignals_ResolveThenFireAgain()
    {
        await using var store = await CreateStoreAsync();
        Assert.True(await store.AlertStateFire(new AlertStateFireParams("r", "task-a", T0)));
        Assert.False(await store.AlertStateFire(new AlertStateFireParams("r", "task-a", T0.AddMinutes(1))));
        Assert.True(await store.AlertStateFire(new AlertStateFireParams("r", "task-b", T0.AddMinutes(1))));
        var a = (await store.AlertStateList(new AlertStateListParams("r"))).Single(s => s.SubjectKey == "task-a");
        Assert.Equal((AlertStateStatus.Firing, T0, (DateTimeOffset?)T0, 2), (a.Status, a.Since, a.LastSentAt, a.Count));

        Assert.True(await store.AlertStateResolve(new AlertStateResolveParams("r", "task-a", T0.AddMinutes(2))));
        Assert.False(await store.AlertStateResolve(new AlertStateResolveParams("r", "task-a", T0.AddMinutes(3))));
        Assert.False(await store.AlertStateResolve(new AlertStateResolveParams("r", "never", T0.AddMinutes(3))));
        Assert.Equal(["task-b"], (await store.AlertStateList(new AlertStateListParams("r", AlertStateStatus.Firing))).Select(s => s.SubjectKey));
        var resolved = Assert.Single(await store.AlertStateList(new AlertStateListParams(Status: AlertStateStatus.Resolved)));
        Assert.Equal(("task-a", T0.AddMinutes(2)), (resolved.SubjectKey, resolved.Since));

        Assert.True(await store.AlertStateFire(new AlertStateFireParams("r", "task-a", T0.AddMinutes(4))));
        var again = (await store.AlertStateList(new AlertStateListParams("r"))).Single(s => s.SubjectKey == "task-a");
        Assert.Equal((AlertStateStatus.Firing, T0.AddMinutes(4), 1), (again.Status, again.Since, again.Count));
    }

    [Fact]
    public async Task AlertStateSeen_CreatesResolved_MovesSinceForwardOnly_LeavesFiringAlone()
    {
        await using var store = await CreateStoreAsync();
        await store.AlertStateSeen(new AlertStateSeenParams("nodes", "n1", T0));
        await store.AlertStateSeen(new AlertStateSeenParams("nodes", "n1", T0.AddMinutes(1)));
        await store.AlertStateSeen(new AlertStateSeenParams("nodes", "n1", T0.AddSeconds(30)));
        var seen = Assert.Single(await store.AlertStateList(new AlertStateListParams("nodes")));
        Assert.Equal((AlertStateStatus.Resolved, T0.AddMinutes(1), (DateTimeOffset?)null, 0), (seen.Status, seen.Since, seen.LastSentAt, seen.Count));

        Assert.True(await store.AlertStateFire(new AlertStateFireParams("nodes", "n1", T0.AddMinutes(5))));
        await store.AlertStateSeen(new AlertStateSeenParams("nodes", "n1", T0.AddMinutes(6)));
        var firing = Assert.Single(await store.AlertStateList(new AlertStateListParams("nodes")));
        Assert.Equal((AlertStateStatus.Firing, T0.AddMinutes(5), 1), (firing.Status, firing.Since, firing.Count));

        Assert.True(await store.AlertStateResolve(new AlertStateResolveParams("nodes", "n1", T0.AddMinutes(7))));
        await store.AlertStateSeen(new AlertStateSeenParams("nodes", "n1", T0.AddMinutes(8)));
        Assert.Equal(T0.AddMinutes(8), Assert.Single(await store.AlertStateList(new AlertStateListParams("nodes"))).Since);
    }

    [Fact]
    public async Task AlertStateFire_WithRepeat_DueAgainOnlyAfterInterval()
    {
        await using var store = await CreateStoreAsync();
        var hour = TimeSpan.FromHours(1);
        Assert.True(await store.AlertStateFire(new AlertStateFireParams("r", "k", T0, hour)));
        Assert.False(await store.AlertStateFire(new AlertStateFireParams("r", "k", T0.AddMinutes(59), hour)));
        Assert.True(await store.AlertStateFire(new AlertStateFireParams("r", "k", T0.AddMinutes(60), hour)));
        var s = Assert.Single(await store.AlertStateList(new AlertStateListParams()));
        Assert.Equal((T0, (DateTimeOffset?)T0.AddMinutes(60), 3), (s.Since, s.LastSentAt, s.Count));
    }

    [Fact]
    public async Task AlertDelivery_InsertUpdateList_FiltersNewestFirst()
    {
        await using var store = await CreateStoreAsync();
        var a = await store.AlertDeliveryInsert(new AlertDeliveryInsertParams("r1", "mail", "task-a", AlertDeliveryValues.Fired, "[Rota Alert] a", T0));
        var b = await store.AlertDeliveryInsert(new AlertDeliveryInsertParams("r1", "hook", "task-a", AlertDeliveryValues.Fired, "[Rota Alert] a", T0));
        var c = await store.AlertDeliveryInsert(new AlertDeliveryInsertParams("r2", "mail", "n1", AlertDeliveryValues.Test, "test", T0.AddSeconds(1)));
        Assert.True(await store.AlertDeliveryUpdate(new AlertDeliveryUpdateParams(a, AlertDeliveryValues.Sent, 2, "first try: refused", T0.AddSeconds(5))));
        Assert.True(await store.AlertDeliveryUpdate(new AlertDeliveryUpdateParams(b, AlertDeliveryValues.Failed, 3, "webhook: 500", null)));
        Assert.False(await store.AlertDeliveryUpdate(new AlertDeliveryUpdateParams(9999, AlertDeliveryValues.Sent, 1, null, T0)));

        Assert.Equal([c, b, a], (await store.AlertDeliveryList(new AlertDeliveryListParams())).Select(d => d.Id));
        Assert.Equal([b, a], (await store.AlertDeliveryList(new AlertDeliveryListParams(Rule: "r1"))).Select(d => d.Id));
        Assert.Equal([c, a], (await store.AlertDeliveryList(new AlertDeliveryListParams(Channel: "mail"))).Select(d => d.Id));
        Assert.Equal([c], (await store.AlertDeliveryList(new AlertDeliveryListParams(Limit: 1))).Select(d => d.Id));
        var failed = Assert.Single(await store.AlertDeliveryList(new AlertDeliveryListParams(Status: AlertDeliveryValues.Failed)));
        Assert.Equal((b, "r1", "hook", "task-a", "fired", 3, "webhook: 500", T0, (DateTimeOffset?)null, "[Rota Alert] a"),
            (failed.Id, failed.Rule, failed.Channel, failed.SubjectKey, failed.Kind, failed.Attempts, failed.LastError, failed.CreatedAt, failed.SentAt, failed.Summary));
        var sent = (await store.AlertDeliveryList(new AlertDeliveryListParams(Status: AlertDeliveryValues.Sent))).Single();
        Assert.Equal((AlertDeliveryValues.Sent, (DateTimeOffset?)T0.AddSeconds(5)), (sent.Status, sent.SentAt));
        var pending = Assert.Single(await store.AlertDeliveryList(new AlertDeliveryListParams(Status: AlertDeliveryValues.Pending)));
        Assert.Equal((c, 0), (pending.Id, pending.Attempts));
    }

    [Fact]
    public async Task AlertConfig_SetReplacesTheOneDocument()
    {
        await using var store = await CreateStoreAsync();
        Assert.Null(await store.AlertConfigGet());
        await store.AlertConfigSet(new AlertConfigSetParams("{\"rules\":[]}", T0));
        await store.AlertConfigSet(new AlertConfigSetParams("{\"channels\":{}}", T0.AddMinutes(1)));
        var row = await store.AlertConfigGet();
        Assert.Equal(("{\"channels\":{}}", T0.AddMinutes(1)), (row!.Document, row.UpdatedAt));
    }
}
