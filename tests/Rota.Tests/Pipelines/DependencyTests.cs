using Rota.Configuration;
using Rota.Runs;
using Rota.Storage;
using Rota.TestSupport;

namespace Rota.Tests.Pipelines;

/// <summary>Task dependencies: chains, conditions, fan-in on the same occurrence, cycles and unknown upstreams rejected.</summary>
public sealed class DependencyTests
{
    private static async Task<IReadOnlyList<RunRecord>> Runs(TestEngine te, string task) =>
        await te.Store.RunList(new RunListParams { TaskName = task });

    [Fact]
    public async Task Chain_AThenBThenC_EachTriggeredByTheRunBefore()
    {
        await using var te = await PipelineRunTests.EngineAsync();
        await PipelineRunTests.ApplyAsync(te, """
            tasks:
              - { name: a, handler: ok }
              - { name: b, handler: ok, depends_on: a }
              - { name: c, handler: ok, depends_on: [{ task: b, on: succeeded }] }
            """);
        var first = (await te.Client.TriggerAsync(new TriggerRequest("a"))).RunId;
        await te.Engine.RunDueAsync();

        var b = Assert.Single(await Runs(te, "b"));
        var c = Assert.Single(await Runs(te, "c"));
        Assert.Equal((RunTrigger.Dependency, $"run:{first}", RunStatus.Succeeded), (b.Trigger, b.TriggeredBy, b.Status));
        Assert.Equal((RunTrigger.Dependency, $"run:{b.Id}", RunStatus.Succeeded), (c.Trigger, c.TriggeredBy, c.Status));
        Assert.Equal($"dep:{first}", b.IdempotencyKey);
    }

    [Fact]
    public async Task Conditions_OnFailedRunsOnlyAfterAFailure_OnSucceededDoesNot()
    {
        await using var te = await PipelineRunTests.EngineAsync();
        await PipelineRunTests.ApplyAsync(te, """
            tasks:
              - { name: flaky, handler: boom, retry: { attempts: 1 } }
              - { name: on-failure, handler: ok, depends_on: [{ task: flaky, on: failed }] }
              - { name: on-success, handler: ok, depends_on: flaky }
              - { name: always, handler: ok, depends_on: [{ task: flaky, on: finished }] }
            """);
        await te.Client.TriggerAsync(new TriggerRequest("flaky"));
        await te.Engine.RunDueAsync();

        Assert.Single(await Runs(te, "on-failure"));
        Assert.Single(await Runs(te, "always"));
        Assert.Empty(await Runs(te, "on-success"));
    }

    [Fact]
    public async Task FanIn_All_RunsOnceWhenBothUpstreamsOfTheSameOccurrenceSucceeded()
    {
        await using var te = await PipelineRunTests.EngineAsync();
        await PipelineRunTests.ApplyAsync(te, """
            tasks:
              - { name: x, handler: ok, cron: "30 9 * * *" }
              - { name: y, handler: ok, cron: "30 9 * * *" }
              - { name: join, handler: ok, depends_on: [x, y], depends_all: true }
            """);
        // A manual run of one upstream has no occurrence to join on: nothing starts.
        await te.Client.TriggerAsync(new TriggerRequest("x"));
        await te.Engine.RunDueAsync();
        Assert.Empty(await Runs(te, "join"));

        te.Time.Advance(TimeSpan.FromMinutes(30));
        await te.Engine.RunDueAsync();
        var join = Assert.Single(await Runs(te, "join"));
        var nominal = TestEngine.Start.AddMinutes(30);
        Assert.Equal((RunStatus.Succeeded, nominal, $"dep:{nominal.ToUnixTimeMilliseconds()}"), (join.Status, join.NominalTime, join.IdempotencyKey));
    }

    [Fact]
    public void Cycle_IsRejectedNamingTheCycle_UnknownUpstreamToo()
    {
        var ex = Assert.Throws<ConfigValidationException>(() => ConfigLoader.Parse("""
            tasks:
              - { name: a, handler: ok, depends_on: c }
              - { name: b, handler: ok, depends_on: [a] }
              - { name: c, handler: ok, depends_on: [{ task: b }] }
              - { name: d, handler: ok, depends_on: [a, ghost] }
              - { name: e, handler: ok, depends_on: [{ task: a, on: sometimes }] }
            """, "yaml", "t.yaml", new HashSet<string> { "ok" }));
        Assert.Contains(ex.Errors, e => e.Message == "dependency cycle: a -> b -> c -> a" && e.Path.StartsWith("tasks[0].depends_on", StringComparison.Ordinal));
        Assert.Contains(ex.Errors, e => e.Path == "tasks[3].depends_on[1]" && e.Message.Contains("unknown upstream task 'ghost'") && e.Line == 5);
        Assert.Contains(ex.Errors, e => e.Path == "tasks[4].depends_on[0].on" && e.Message.Contains("succeeded, failed or finished"));
        Assert.Single(ex.Errors, e => e.Message.StartsWith("dependency cycle", StringComparison.Ordinal));
    }
}
