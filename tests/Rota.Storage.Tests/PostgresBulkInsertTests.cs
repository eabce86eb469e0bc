using Rota.Runs;
using Rota.Storage.Postgres;
using Rota.Tasks;

namespace Rota.Storage.Tests;

/// <summary>The binary COPY path of <see cref="PostgresStore.RunInsertMany"/> where it differs from RunInsert: how a
/// failed copy ends, and the batch size where the store switches.</summary>
public sealed class PostgresBulkInsertTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private static RunInsertParams Run(long taskId) => new() { TaskId = taskId, ScheduledAt = T0, Now = T0, Trigger = RunTrigger.Api };

    [Fact]
    public async Task FailedCopy_IsAConstraintError_RollsBack_AndLeavesThePoolUsable()
    {
        await using var db = await TestPostgres.CreateAsync(T0);
        var t = await db.Store.TaskUpsert(new TaskUpsertParams(new TaskDefinition { Name = "bulk", Handler = "noop" }, T0));
        var bad = Enumerable.Range(0, 500).Select(i => Run(i == 499 ? t.Id + 1_000 : t.Id)).ToList();

        var ex = await Assert.ThrowsAsync<RotaException>(() => db.Store.RunInsertMany(bad));

        Assert.Equal("store.constraint", ex.Code);
        Assert.Empty(await db.Store.RunList(new RunListParams { Limit = 1_000 }));
        // The connection that carried the failed copy goes back to the pool; the next batches run on it.
        for (var i = 0; i < 3; i++)
            Assert.All(await db.Store.RunInsertMany(Enumerable.Range(0, 500).Select(_ => Run(t.Id)).ToList()), r => Assert.True(r.Inserted));
        Assert.Equal(1_500, (await db.Store.RunList(new RunListParams { Limit = 2_000 })).Count);
    }

    [Theory]
    [InlineData(PostgresStore.CopyMinRuns - 1)]
    [InlineData(PostgresStore.CopyMinRuns)]
    public async Task EitherSideOfTheCopyThreshold_IdsAscendInInputOrder_AfterEarlierRuns(int count)
    {
        await using var db = await TestPostgres.CreateAsync(T0);
        var t = await db.Store.TaskUpsert(new TaskUpsertParams(new TaskDefinition { Name = "bulk", Handler = "noop" }, T0));
        var first = await db.Store.RunInsertMany(Enumerable.Range(0, count).Select(_ => Run(t.Id)).ToList());
        var second = await db.Store.RunInsertMany(Enumerable.Range(0, count).Select(_ => Run(t.Id)).ToList());

        var ids = first.Concat(second).Select(r => r.Id).ToList();
        Assert.Equal(ids.Order(), ids);
        Assert.Equal(2 * count, ids.Distinct().Count());
        Assert.Equal(ids.OrderDescending(), (await db.Store.RunList(new RunListParams { Limit = 1_000 })).Select(r => r.Id));
    }
}
