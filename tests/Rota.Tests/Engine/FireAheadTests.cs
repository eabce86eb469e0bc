using Rota.Runs;
using Rota.Tasks;
using Rota.TestSupport;

namespace Rota.Tests.Engine;

/// <summary>Runs written shortly before their occurrence start at the occurrence, not when written.</summary>
public sealed class FireAheadTests : PolicyTestBase
{
    [Fact]
    public async Task IdleTask_IsWrittenAheadAndClaimedOnlyAtItsInstant()
    {
        await using var te = await TestEngine.CreateAsync();
        await te.Client.ApplyAsync(Every("a", TimeSpan.FromMinutes(1)));
        te.Time.Advance(TimeSpan.FromMinutes(1) - TimeSpan.FromMilliseconds(100));
        Assert.Empty(await te.Engine.TickAsync());
        var run = Assert.Single(await Runs(te, "a"));
        Assert.Equal((RunStatus.Scheduled, T0.AddMinutes(1), T0.AddMinutes(1)), (run.Status, run.ScheduledAt, run.NominalTime!.Value));
        Assert.Equal(te.Time.GetUtcNow(), run.CreatedAt);
        te.Time.Advance(TimeSpan.FromMilliseconds(100));
        await Task.WhenAll(await te.Engine.TickAsync());
        run = Assert.Single(await Runs(te, "a"));
        Assert.Equal(RunStatus.Succeeded, run.Status);
        Assert.Equal(T0.AddMinutes(1), run.StartedAt);
    }

    [Fact]
    public async Task BusyTask_IsNotWrittenAheadSoOverlapIsDecidedAtTheInstant()
    {
        var gate = new Gate();
        await using var te = await TestEngine.CreateAsync(o => o.AddHandler("gate", gate.Run));
        await te.Client.ApplyAsync(Every("b", TimeSpan.FromMinutes(1), "gate"));
        te.Time.Advance(TimeSpan.FromMinutes(1));
        var first = await te.Engine.TickAsync();
        await gate.Entered.Task;
        te.Time.Advance(TimeSpan.FromMinutes(1) - TimeSpan.FromMilliseconds(100));
        Assert.Empty(await te.Engine.TickAsync());
        Assert.Single(await Runs(te, "b"));
        gate.Release();
        await Task.WhenAll(first);
        te.Time.Advance(TimeSpan.FromMilliseconds(100));
        var second = await te.Engine.TickAsync();
        await gate.Entered.Task;
        gate.Release();
        await Task.WhenAll(second);
        Assert.Equal([RunStatus.Succeeded, RunStatus.Succeeded], (await Runs(te, "b")).Select(r => r.Status));
    }

    [Fact]
    public void NextPass_WakesWhenTheWindowOpens_WaitsForTheInstantOnlyIfThePassSawTheOccurrence()
    {
        var ahead = TimeSpan.FromMilliseconds(250);
        var next = T0.AddSeconds(1);
        // Before the window: wake as it opens (+1 ms for timers that fire a hair early).
        Assert.Equal(TimeSpan.FromMilliseconds(751), global::Rota.Scheduling.Scheduler.UntilNextPass(next, T0 + ahead, T0, ahead));
        var inside = next.AddMilliseconds(-240);
        // The pass saw it and left it for its instant (its task was busy): wait for the instant.
        Assert.Equal(TimeSpan.FromMilliseconds(240), global::Rota.Scheduling.Scheduler.UntilNextPass(next, next, inside, ahead));
        // The pass began just before the window and ended inside it: pass again now, so the run is still written ahead.
        Assert.Equal(TimeSpan.Zero, global::Rota.Scheduling.Scheduler.UntilNextPass(next, next.AddMilliseconds(-1), inside, ahead));
    }

    [Fact]
    public async Task FireAheadZero_WritesNothingEarly()
    {
        await using var te = await TestEngine.CreateAsync(o => o.FireAhead = TimeSpan.Zero);
        await te.Client.ApplyAsync(Every("z", TimeSpan.FromMinutes(1)));
        te.Time.Advance(TimeSpan.FromMinutes(1) - TimeSpan.FromMilliseconds(100));
        await te.Engine.TickAsync();
        Assert.Empty(await Runs(te, "z"));
    }
}
