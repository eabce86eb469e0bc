using Rota.Runs;
using Rota.Storage;

namespace Rota.Storage.Tests;

public abstract partial class StoreConformanceTests
{
    /// <summary>Inserts, claims at <paramref name="start"/> and completes one run with <paramref name="status"/>.</summary>
    private static async Task Finish(IRotaStore store, long taskId, RunStatus status, DateTimeOffset start, TimeSpan took)
    {
        await InsertOne(store, Run(taskId, at: start));
        var run = Assert.Single(await Claim(store, now: start));
        await store.RunCompleteMany([Done(run, status, start + took) with
        {
            Error = status == RunStatus.Succeeded ? null : new RunError("x", "boom", IsTransient: false),
            NextScheduledAt = null,
        }]);
    }

    [Fact]
    public async Task RunStatsByTask_MixedOutcomes_CountsAllTimeAndRecent()
    {
        await using var store = await CreateStoreAsync();
        var a = await store.TaskUpsert(new TaskUpsertParams(Def("a", b => b.Value = b.Value with { Retry = new Tasks.RetryPolicy(MaxAttempts: 1) }), T0));
        var b = await store.TaskUpsert(new TaskUpsertParams(Def("b"), T0));
        await Finish(store, a.Id, RunStatus.Succeeded, T0, TimeSpan.FromSeconds(1));
        await Finish(store, a.Id, RunStatus.Failed, T0.AddMinutes(1), TimeSpan.FromSeconds(1));
        await Finish(store, a.Id, RunStatus.Partial, T0.AddMinutes(2), TimeSpan.FromSeconds(1));
        await Finish(store, b.Id, RunStatus.Succeeded, T0.AddMinutes(3), TimeSpan.FromSeconds(1));
        await InsertOne(store, Run(a.Id, status: RunStatus.Skipped) with { Reason = "overlap" });
        var all = (await store.RunStatsByTask(new RunStatsParams(T0.AddDays(-1)))).ToDictionary(r => r.TaskId);
        Assert.Equal(new RunStatsRow(a.Id, 3, 1, 1, 1, 3, 1, 1), all[a.Id]);
        Assert.Equal(new RunStatsRow(b.Id, 1, 1, 0, 0, 1, 1, 0), all[b.Id]);
        var later = (await store.RunStatsByTask(new RunStatsParams(T0.AddDays(1)))).ToDictionary(r => r.TaskId);
        Assert.Equal(new RunStatsRow(a.Id, 3, 1, 1, 1, 0, 0, 0), later[a.Id]);
    }

    [Fact]
    public async Task RunHourlyCounts_FinishedRuns_CountedPerEndHourAndOwner()
    {
        await using var store = await CreateStoreAsync();
        var mine = await store.TaskUpsert(new TaskUpsertParams(Def("mine") with { Owner = "alice" }, T0));
        var theirs = await store.TaskUpsert(new TaskUpsertParams(Def("theirs") with { Owner = "bob" }, T0));
        var hour = new DateTimeOffset(T0.Year, T0.Month, T0.Day, T0.Hour, 0, 0, TimeSpan.Zero);
        await Finish(store, mine.Id, RunStatus.Succeeded, hour.AddMinutes(5), TimeSpan.FromSeconds(1));
        await Finish(store, mine.Id, RunStatus.Failed, hour.AddMinutes(10), TimeSpan.FromSeconds(1));
        await Finish(store, mine.Id, RunStatus.Succeeded, hour.AddMinutes(59), TimeSpan.FromMinutes(2));
        await Finish(store, theirs.Id, RunStatus.Succeeded, hour.AddMinutes(20), TimeSpan.FromSeconds(1));
        await Finish(store, theirs.Id, RunStatus.Partial, hour.AddMinutes(30), TimeSpan.FromSeconds(1));

        var all = await store.RunHourlyCounts(new RunHourlyParams(hour.AddHours(-24)));
        Assert.Equal([new RunHourlyRow(hour, 2, 1), new RunHourlyRow(hour.AddHours(1), 1, 0)], all);
        var alice = await store.RunHourlyCounts(new RunHourlyParams(hour.AddHours(-24), "alice"));
        Assert.Equal([new RunHourlyRow(hour, 1, 1), new RunHourlyRow(hour.AddHours(1), 1, 0)], alice);
        Assert.Empty(await store.RunHourlyCounts(new RunHourlyParams(hour.AddHours(-24), "carol")));
        Assert.Equal([new RunHourlyRow(hour.AddHours(1), 1, 0)], await store.RunHourlyCounts(new RunHourlyParams(hour.AddMinutes(45))));
    }

    [Fact]
    public async Task RunDurationsAndDailyCounts_SucceededRuns_ReportedPerTaskAndDay()
    {
        await using var store = await CreateStoreAsync();
        var a = await store.TaskUpsert(new TaskUpsertParams(Def("a"), T0));
        await Finish(store, a.Id, RunStatus.Succeeded, T0, TimeSpan.FromMilliseconds(1500));
        await Finish(store, a.Id, RunStatus.Succeeded, T0.AddMinutes(1), TimeSpan.FromMilliseconds(250));
        var durations = await store.RunDurations(new RunDurationParams(T0.AddHours(-1)));
        Assert.Equal([250.0, 1500.0], durations.Select(d => d.DurationMs));
        Assert.All(durations, d => Assert.Equal(a.Id, d.TaskId));
        Assert.Empty(await store.RunDurations(new RunDurationParams(T0.AddHours(1))));
        var daily = Assert.Single(await store.RunDailyCounts(new RunStatsParams(T0.AddDays(-7))));
        Assert.Equal(new RunDailyRow(a.Id, DateOnly.FromDateTime(T0.UtcDateTime), 2, 0), daily);
    }
}
