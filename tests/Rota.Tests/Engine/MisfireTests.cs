using Rota.Runs;
using Rota.Tasks;
using Rota.TestSupport;

namespace Rota.Tests.Engine;

/// <summary>Occurrences that passed while the engine was down: coalesce, all (bounded), skip, catch-up window.</summary>
public sealed class MisfireTests : PolicyTestBase
{
    private static async Task<List<RunRecord>> DownForTenMinutes(MisfirePolicy misfire)
    {
        await using var te = await TestEngine.CreateAsync();
        await te.Client.ApplyAsync(Every("m", TimeSpan.FromMinutes(1), edit: d => d with { Misfire = misfire, Overlap = new OverlapPolicy(OverlapKind.BufferAll) }));
        te.Time.Advance(TimeSpan.FromMinutes(10).Add(TimeSpan.FromSeconds(30)));
        await te.Engine.RunDueAsync();
        return await Runs(te, "m");
    }

    [Fact]
    public async Task Coalesce_RunsOnceForTheLatestAndRecordsTheRestMissed()
    {
        var runs = await DownForTenMinutes(MisfirePolicy.Default);
        Assert.Equal(10, runs.Count);
        var ran = Assert.Single(runs, r => r.Status == RunStatus.Succeeded);
        Assert.Equal(T0.AddMinutes(10), ran.NominalTime);
        Assert.All(runs.Where(r => r != ran), r =>
        {
            Assert.Equal(RunStatus.Missed, r.Status);
            Assert.Contains("coalesced", r.Reason);
        });
    }

    [Fact]
    public async Task All_RunsEveryMissedOccurrenceUpToMaxCatchup()
    {
        var runs = await DownForTenMinutes(new MisfirePolicy(MisfireKind.All, MaxCatchup: 4));
        Assert.Equal([T0.AddMinutes(7), T0.AddMinutes(8), T0.AddMinutes(9), T0.AddMinutes(10)],
            runs.Where(r => r.Status == RunStatus.Succeeded).Select(r => r.NominalTime!.Value));
        Assert.Equal(6, runs.Count(r => r.Status == RunStatus.Missed && r.Reason!.Contains("max_catchup", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Skip_RecordsAllMissed_ThenTheNextOnTimeOccurrenceRuns()
    {
        await using var te = await TestEngine.CreateAsync();
        await te.Client.ApplyAsync(Every("s", TimeSpan.FromMinutes(1), edit: d => d with { Misfire = new MisfirePolicy(MisfireKind.Skip) }));
        te.Time.Advance(TimeSpan.FromMinutes(3).Add(TimeSpan.FromSeconds(30)));
        await te.Engine.RunDueAsync();
        te.Time.Advance(TimeSpan.FromSeconds(30));
        await te.Engine.RunDueAsync();
        var runs = await Runs(te, "s");
        Assert.Equal([RunStatus.Missed, RunStatus.Missed, RunStatus.Missed, RunStatus.Succeeded], runs.Select(r => r.Status));
        Assert.Equal(T0.AddMinutes(4), runs[^1].NominalTime);
    }

    [Fact]
    public async Task CatchupWindow_Seed002GraceHourWithCoalesce_MapsOneToOne()
    {
        // APScheduler misfire_grace_time=3600 + coalesce=True: a daily 02:00 job noticed 30 min late still runs,
        // one noticed more than an hour late is missed.
        await using var te = await TestEngine.CreateAsync(start: new DateTimeOffset(2026, 1, 5, 1, 0, 0, TimeSpan.Zero));
        var misfire = new MisfirePolicy(MisfireKind.Coalesce, CatchupWindow: TimeSpan.FromHours(1));
        await te.Client.ApplyAsync(Cron("daily-sync", "0 2 * * *", edit: d => d with { Misfire = misfire }));
        te.Time.Advance(TimeSpan.FromMinutes(90));
        await te.Engine.RunDueAsync();
        te.Time.Advance(TimeSpan.FromHours(24).Add(TimeSpan.FromMinutes(45)));
        await te.Engine.RunDueAsync();
        var runs = await Runs(te, "daily-sync");
        Assert.Equal((RunStatus.Succeeded, TimeSpan.FromMinutes(30)), (runs[0].Status, runs[0].Lateness!.Value));
        Assert.Equal(RunStatus.Missed, runs[1].Status);
        Assert.Contains("catchup window", runs[1].Reason);
    }

    [Fact]
    public async Task OnTimeFires_AreNotMisfires()
    {
        await using var te = await TestEngine.CreateAsync();
        await te.Client.ApplyAsync(Every("ok", TimeSpan.FromMinutes(1), edit: d => d with { Misfire = new MisfirePolicy(MisfireKind.Skip) }));
        te.Time.Advance(TimeSpan.FromMinutes(1).Add(TimeSpan.FromSeconds(3)));
        await te.Engine.RunDueAsync();
        Assert.Equal(RunStatus.Succeeded, Assert.Single(await Runs(te, "ok")).Status);
    }
}
