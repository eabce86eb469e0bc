using Rota.Runs;
using Rota.Storage;
using Rota.TestSupport;

namespace Rota.Tests.Pipelines;

/// <summary><c>depends_all</c> with manual runs: runs without an occurrence join each other (once per set of fresh
/// upstream runs), scheduled runs keep joining by occurrence, and neither path fires through the other's runs.</summary>
public sealed class FanInManualTests
{
    private const string Tasks = """
        tasks:
          - { name: x, handler: ok, cron: "30 9 * * *" }
          - { name: y, handler: ok, cron: "30 9 * * *" }
          - { name: join, handler: ok, depends_on: [x, y], depends_all: true }
        """;

    private static async Task<IReadOnlyList<RunRecord>> Joins(TestEngine te) =>
        (await te.Store.RunList(new RunListParams { TaskName = "join" })).Reverse().ToList();

    private static async Task<long> RunAsync(TestEngine te, string task)
    {
        var id = (await te.Client.TriggerAsync(new TriggerRequest(task))).RunId;
        await te.Engine.RunDueAsync();
        te.Time.Advance(TimeSpan.FromSeconds(1));
        return id;
    }

    [Fact]
    public async Task ManualRunsOfEveryUpstream_FireTheFanInOnce_AgainOnlyWhenEachRanAgain()
    {
        await using var te = await PipelineRunTests.EngineAsync();
        await PipelineRunTests.ApplyAsync(te, Tasks);

        var x1 = await RunAsync(te, "x");
        Assert.Empty(await Joins(te));
        var y1 = await RunAsync(te, "y");
        var join = Assert.Single(await Joins(te));
        Assert.Equal((RunTrigger.Dependency, $"run:{y1}", $"dep:manual:{x1}+{y1}", (DateTimeOffset?)null, RunStatus.Succeeded),
            (join.Trigger, join.TriggeredBy, join.IdempotencyKey, join.NominalTime, join.Status));

        // One upstream again: the other's run was used by that fan-in, so nothing starts.
        var x2 = await RunAsync(te, "x");
        var x3 = await RunAsync(te, "x");
        Assert.Single(await Joins(te));
        var y2 = await RunAsync(te, "y");
        var joins = await Joins(te);
        Assert.Equal(2, joins.Count);
        Assert.Equal($"dep:manual:{x3}+{y2}", joins[1].IdempotencyKey);
        Assert.NotEqual(x2, x3);
    }

    [Fact]
    public async Task ScheduledOccurrence_JoinsOnlyItsOwnRuns_ManualRunsStillJoinEachOther_NoDoubleFiring()
    {
        await using var te = await PipelineRunTests.EngineAsync();
        await PipelineRunTests.ApplyAsync(te, Tasks);

        // A manual x waits; the 09:30 occurrence of x and y fires the fan-in once, without using the manual x.
        var manualX = await RunAsync(te, "x");
        te.Time.Advance(TimeSpan.FromMinutes(30));
        await te.Engine.RunDueAsync();
        await te.Engine.RunDueAsync();
        var scheduled = Assert.Single(await Joins(te));
        var nominal = TestEngine.Start.AddMinutes(30);
        Assert.Equal((nominal, $"dep:{nominal.ToUnixTimeMilliseconds()}"), (scheduled.NominalTime, scheduled.IdempotencyKey));

        // A manual y joins the waiting manual x, not the scheduled x of 09:30: one more fan-in, and only one.
        te.Time.Advance(TimeSpan.FromMinutes(1));
        var manualY = await RunAsync(te, "y");
        await te.Engine.RunDueAsync();
        var joins = await Joins(te);
        Assert.Equal(2, joins.Count);
        Assert.Equal($"dep:manual:{manualX}+{manualY}", joins[1].IdempotencyKey);

        // The next occurrence still fires exactly once.
        te.Time.Advance(TimeSpan.FromDays(1));
        await te.Engine.RunDueAsync();
        await te.Engine.RunDueAsync();
        joins = await Joins(te);
        Assert.Equal(3, joins.Count);
        Assert.Equal(nominal.AddDays(1), joins[2].NominalTime);
    }
}
