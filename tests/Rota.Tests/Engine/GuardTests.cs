using Rota.Runs;
using Rota.Storage;
using Rota.Tasks;
using Rota.TestSupport;

namespace Rota.Tests.Engine;

/// <summary>min_spacing, pause/resume, retention and rescue on a fake clock.</summary>
public sealed class GuardTests : PolicyTestBase
{
    [Fact]
    public async Task MinSpacing_Seed003FourHours_SkipsAnOccurrenceTooCloseToTheLastStart()
    {
        await using var te = await TestEngine.CreateAsync(start: new DateTimeOffset(2026, 1, 5, 7, 0, 0, TimeSpan.Zero));
        await te.Client.ApplyAsync(Cron("links", "0 8,12,23 * * *", edit: d => d with { MinSpacing = TimeSpan.FromHours(4) }));
        var manual = (await te.Client.TriggerAsync(new TriggerRequest("links"))).RunId;
        await te.Engine.RunDueAsync();
        te.Time.Advance(TimeSpan.FromHours(1));
        await te.Engine.RunDueAsync();
        te.Time.Advance(TimeSpan.FromHours(4));
        await te.Engine.RunDueAsync();
        var runs = (await Runs(te, "links")).Where(r => r.Id != manual).ToList();
        Assert.Equal((RunStatus.Skipped, new DateTimeOffset(2026, 1, 5, 8, 0, 0, TimeSpan.Zero)), (runs[0].Status, runs[0].NominalTime!.Value));
        Assert.Contains("min_spacing", runs[0].Reason);
        Assert.Equal((RunStatus.Succeeded, new DateTimeOffset(2026, 1, 5, 12, 0, 0, TimeSpan.Zero)), (runs[1].Status, runs[1].NominalTime!.Value));
    }

    [Fact]
    public async Task Pause_StopsFiring_ResumeRecordsOneSkippedRowAndContinuesFromNow()
    {
        await using var te = await TestEngine.CreateAsync();
        await te.Client.ApplyAsync(Every("p", TimeSpan.FromMinutes(1)));
        await te.Client.PauseAsync("p", "deploy freeze");
        for (var i = 0; i < 5; i++) { te.Time.Advance(TimeSpan.FromMinutes(1)); await te.Engine.RunDueAsync(); }
        Assert.Empty(await Runs(te, "p"));
        var manual = await te.Client.TriggerAsync(new TriggerRequest("p"));
        Assert.Equal(RunStatus.Available, manual.Status);
        await te.Engine.RunDueAsync();

        await te.Client.ResumeAsync("p");
        te.Time.Advance(TimeSpan.FromMinutes(1));
        await te.Engine.RunDueAsync();
        var scheduled = (await Runs(te, "p")).Where(r => r.Trigger == RunTrigger.Schedule).ToList();
        Assert.Equal(RunStatus.Skipped, scheduled[0].Status);
        Assert.Contains("paused (5 occurrences", scheduled[0].Reason);
        Assert.Equal((RunStatus.Succeeded, T0.AddMinutes(6)), (scheduled[1].Status, scheduled[1].NominalTime!.Value));
        Assert.Equal(2, scheduled.Count);
    }

    [Fact]
    public async Task PausedUntil_ResumesAutomatically()
    {
        await using var te = await TestEngine.CreateAsync();
        await te.Client.ApplyAsync(Every("u", TimeSpan.FromMinutes(10)));
        await te.Client.PauseAsync("u", "until lunch", T0.AddMinutes(30));
        te.Time.Advance(TimeSpan.FromMinutes(29));
        await te.Engine.ResumeDueTasksAsync();
        Assert.False((await te.Store.TaskGet("u"))!.Definition.Enabled);
        te.Time.Advance(TimeSpan.FromMinutes(1));
        await te.Engine.ResumeDueTasksAsync();
        Assert.True((await te.Store.TaskGet("u"))!.Definition.Enabled);
    }

    [Fact]
    public async Task ReApplyingConfiguration_KeepsARuntimePause()
    {
        await using var te = await TestEngine.CreateAsync();
        var def = Every("k", TimeSpan.FromMinutes(1)) with { Origin = TaskOrigin.Config };
        await te.Client.ApplyAsync(def);
        await te.Client.PauseAsync("k", "investigating");
        await te.Client.ApplyAsync(def);
        var task = (await te.Store.TaskGet("k"))!;
        Assert.Equal((false, "investigating"), (task.Definition.Enabled, task.Definition.PausedReason));
        await te.Client.ApplyAsync(def with { Enabled = false, PausedReason = "off in config" });
        Assert.False((await te.Store.TaskGet("k"))!.Definition.Enabled);
    }

    [Fact]
    public async Task Retention_KeepsHundredSucceededAndHundredFailed_AndDropsOlderThanSixtyDays()
    {
        await using var te = await TestEngine.CreateAsync(o => o.AddHandler("flip", ctx =>
            ValueTask.FromResult(ctx.Parameters["fail"]?.GetValue<bool>() == true
                ? Execution.TaskOutcome.Fail(new RunError("x", "planned", IsTransient: false))
                : Execution.TaskOutcome.Success())));
        await te.Client.ApplyAsync(new TaskDefinition { Name = "r", Handler = "flip", Overlap = new OverlapPolicy(OverlapKind.AllowAll), Retry = new RetryPolicy(1) });
        await te.Client.EnqueueManyAsync("r", Enumerable.Range(0, 150).Select(_ => (System.Text.Json.Nodes.JsonObject?)null).ToList());
        await te.Client.EnqueueManyAsync("r", Enumerable.Range(0, 120).Select(_ => (System.Text.Json.Nodes.JsonObject?)new() { ["fail"] = true }).ToList());
        await te.Engine.RunDueAsync();
        Assert.Equal(70, await te.Engine.PruneAsync());
        var left = await Runs(te, "r");
        Assert.Equal((100, 100), (left.Count(r => r.Status == RunStatus.Succeeded), left.Count(r => r.Status == RunStatus.Failed)));
        te.Time.Advance(TimeSpan.FromDays(61));
        Assert.Equal(200, await te.Engine.PruneAsync());
        Assert.Empty(await Runs(te, "r"));
    }

    [Fact]
    public async Task Rescue_RunOfADeadNodeWithExpiredLease_IsRetried()
    {
        await using var te = await TestEngine.CreateAsync();
        await te.Client.ApplyAsync(new TaskDefinition { Name = "orphan", Handler = "noop", Retry = new RetryPolicy(3) });
        var id = (await te.Client.TriggerAsync(new TriggerRequest("orphan"))).RunId;
        await te.Store.RunClaimNext(new RunClaimNextParams("default", "dead-node", 1, T0, T0.AddSeconds(30)));
        Assert.Empty(await te.Engine.RescueAsync());
        te.Time.Advance(TimeSpan.FromSeconds(31));
        Assert.Equal(RunStatus.Scheduled, Assert.Single(await te.Engine.RescueAsync()).NewStatus);
        await te.Engine.RunDueAsync();
        var run = (await te.Store.RunGet(id))!;
        Assert.Equal((RunStatus.Succeeded, 2), (run.Status, run.Attempt));
    }
}
