using Rota.Runs;
using Rota.Scheduling;
using Rota.Tasks;
using Rota.TestSupport;

namespace Rota.Tests.Engine;

public sealed class ScheduleFiringTests : PolicyTestBase
{
    [Fact]
    public async Task Cron_FiresAtNominalTimes_FromTheLastNominalNotFromNow()
    {
        await using var te = await TestEngine.CreateAsync();
        await te.Client.ApplyAsync(Cron("q", "*/15 * * * *"));
        foreach (var step in new[] { 7, 9, 16, 2, 15 })
        {
            te.Time.Advance(TimeSpan.FromMinutes(step));
            await te.Engine.RunDueAsync();
        }
        var runs = await Runs(te, "q");
        Assert.Equal([T0.AddMinutes(15), T0.AddMinutes(30), T0.AddMinutes(45)], runs.Select(r => r.NominalTime!.Value));
        Assert.All(runs, r => Assert.Equal((RunStatus.Succeeded, RunTrigger.Schedule), (r.Status, r.Trigger)));
        Assert.Equal(TimeSpan.FromMinutes(1), runs[0].Lateness);
    }

    [Fact]
    public async Task Every_FiresOnItsGrid()
    {
        await using var te = await TestEngine.CreateAsync();
        await te.Client.ApplyAsync(Every("e", TimeSpan.FromSeconds(10)));
        for (var i = 0; i < 3; i++)
        {
            te.Time.Advance(TimeSpan.FromSeconds(10));
            await te.Engine.RunDueAsync();
        }
        Assert.Equal([T0.AddSeconds(10), T0.AddSeconds(20), T0.AddSeconds(30)], (await Runs(te, "e")).Select(r => r.NominalTime!.Value));
    }

    [Fact]
    public async Task At_FiresOnce()
    {
        await using var te = await TestEngine.CreateAsync();
        await te.Client.ApplyAsync(new TaskDefinition { Name = "once", Handler = "noop", Schedules = [new ScheduleDefinition { Specs = [TriggerSpec.ForAt(T0.AddMinutes(5))] }] });
        for (var i = 0; i < 3; i++) { te.Time.Advance(TimeSpan.FromMinutes(5)); await te.Engine.RunDueAsync(); }
        Assert.Equal(T0.AddMinutes(5), Assert.Single(await Runs(te, "once")).NominalTime);
    }

    [Fact]
    public async Task AfterCompletion_NextRunIsTheDelayAfterTheLastFinished()
    {
        await using var te = await TestEngine.CreateAsync();
        await te.Client.ApplyAsync(new TaskDefinition
        {
            Name = "chain", Handler = "noop",
            Schedules = [new ScheduleDefinition { Specs = [TriggerSpec.ForAfterCompletion(TimeSpan.FromMinutes(10))] }],
        });
        await te.Engine.RunDueAsync();
        await WaitForNextFire(te, T0.AddMinutes(10));
        te.Time.Advance(TimeSpan.FromMinutes(10));
        await te.Engine.RunDueAsync();
        var runs = await Runs(te, "chain");
        Assert.Equal([T0, T0.AddMinutes(10)], runs.Select(r => r.NominalTime!.Value));
    }

    [Fact]
    public async Task MaxRuns_StopsTheSchedule()
    {
        await using var te = await TestEngine.CreateAsync();
        await te.Client.ApplyAsync(new TaskDefinition
        {
            Name = "few", Handler = "noop",
            Schedules = [new ScheduleDefinition { Specs = [TriggerSpec.ForEvery(TimeSpan.FromMinutes(1))], MaxRuns = 2 }],
        });
        for (var i = 0; i < 5; i++) { te.Time.Advance(TimeSpan.FromMinutes(1)); await te.Engine.RunDueAsync(); }
        Assert.Equal(2, (await Runs(te, "few")).Count(r => r.Status == RunStatus.Succeeded));
        Assert.Null((await te.Store.ScheduleList(new Storage.ScheduleListParams()))[0].NextFireAt);
    }

    [Fact]
    public async Task Jitter_DelaysTheRunWithinBounds()
    {
        await using var te = await TestEngine.CreateAsync();
        await te.Client.ApplyAsync(new TaskDefinition
        {
            Name = "jit", Handler = "noop",
            Schedules = [new ScheduleDefinition { Specs = [TriggerSpec.ForCron("0 * * * *")], Jitter = TimeSpan.FromMinutes(10) }],
        });
        te.Time.Advance(TimeSpan.FromMinutes(71));
        await te.Engine.RunDueAsync();
        var run = Assert.Single(await Runs(te, "jit"));
        Assert.Equal(T0.AddHours(1), run.NominalTime);
        Assert.InRange(run.ScheduledAt - run.NominalTime!.Value, TimeSpan.Zero, TimeSpan.FromMinutes(10));
    }

    /// <summary>The after-completion hook runs asynchronously after the completion is written.</summary>
    private static async Task WaitForNextFire(TestEngine te, DateTimeOffset expected)
    {
        for (var i = 0; i < 200; i++)
        {
            if (await te.Store.ScheduleNextFireAt() == expected) return;
            await Task.Delay(10);
        }
        Assert.Equal(expected, await te.Store.ScheduleNextFireAt());
    }
}
