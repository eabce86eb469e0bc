using System.Text.Json.Nodes;
using Rota.Configuration;
using Rota.Execution;
using Rota.Pipelines;
using Rota.Runs;
using Rota.TestSupport;

namespace Rota.Tests.Pipelines;

/// <summary>Pipelines end to end on SQLite with a fake clock: seed 000's daily pipeline, conditions, fan-out/fan-in.</summary>
public sealed class PipelineRunTests
{
    private static readonly HashSet<string> Kinds = ["ok", "boom", "count"];

    private const string Daily = """
        tasks:
          - { name: airtable-sync, handler: ok, parameters: { items: 12 }, retry: { attempts: 1 } }
          - { name: crawler-check, handler: boom, retry: { attempts: 1 } }
          - { name: zero-sessions, handler: ok, parameters: { items: 40 }, retry: { attempts: 1 } }
          - { name: llm-cataloguing, handler: ok, parameters: { items: 7 }, retry: { attempts: 1 } }
        pipelines:
          - name: daily
            cron: "0 2 * * *"
            steps:
              - { name: airtable-sync, task: airtable-sync, continue_on_failure: true }
              - { name: crawler-check, task: crawler-check, continue_on_failure: true }
              - { name: zero-sessions, task: zero-sessions, continue_on_failure: true }
              - { name: llm-cataloguing, task: llm-cataloguing, parameters: { items: 9 } }
        """;

    internal static async Task<TestEngine> EngineAsync(List<string>? order = null) => await TestEngine.CreateAsync(o =>
    {
        o.AddHandler("ok", ctx =>
        {
            lock (o) order?.Add(ctx.Task.Name);
            var items = ctx.Parameters["items"]?.GetValue<int>() ?? 0;
            return ValueTask.FromResult(TaskOutcome.Success(new JsonObject { ["items_processed"] = items, ["items_new"] = items }));
        });
        o.AddHandler("boom", ctx =>
        {
            lock (o) order?.Add(ctx.Task.Name);
            return ValueTask.FromResult(TaskOutcome.Fail(new RunError("crawler.unreachable", "crawler: GraphQL endpoint unreachable", IsTransient: false),
                new JsonObject { ["checked"] = 0 }));
        });
    });

    internal static async Task ApplyAsync(TestEngine te, string yaml)
    {
        var doc = ConfigLoader.Parse(yaml, "yaml", "test.yaml", Kinds);
        foreach (var t in doc.Tasks) await te.Client.ApplyAsync(t);
        foreach (var p in doc.Pipelines) await te.Client.ApplyPipelineAsync(p, Tasks.TaskOrigin.Config);
    }

    /// <summary>Ticks, then lets the pipeline's check interval pass, until the run ends.</summary>
    internal static async Task<RunRecord> RunToEndAsync(TestEngine te, long runId)
    {
        for (var i = 0; i < 40; i++)
        {
            await te.Engine.RunDueAsync();
            var run = (await te.Client.GetRunAsync(runId))!;
            if (run.Status.IsTerminal()) return run;
            te.Time.Advance(te.Options.PipelineCheckInterval);
        }
        throw new InvalidOperationException($"run {runId} did not finish");
    }

    [Fact]
    public async Task DailyPipeline_Step2Fails_Steps3And4StillRun_PipelinePartial_EachStepLogged()
    {
        await using var te = await EngineAsync();
        await ApplyAsync(te, Daily);
        var trig = await te.Client.RunPipelineAsync("daily");
        var parent = await RunToEndAsync(te, trig.RunId);

        Assert.Equal(RunStatus.Partial, parent.Status);
        Assert.Equal(4, parent.Stats!["steps_total"]!.GetValue<int>());
        Assert.Equal(3, parent.Stats["steps_succeeded"]!.GetValue<int>());
        Assert.Equal(1, parent.Stats["steps_failed"]!.GetValue<int>());
        var steps = await te.Store.RunListChildren(parent.Id);
        Assert.Equal(["airtable-sync", "crawler-check", "zero-sessions", "llm-cataloguing"], steps.Select(s => s.Step));
        Assert.Equal([RunStatus.Succeeded, RunStatus.Failed, RunStatus.Succeeded, RunStatus.Succeeded], steps.Select(s => s.Status));
        Assert.All(steps, s =>
        {
            Assert.Equal(RunTrigger.Pipeline, s.Trigger);
            Assert.Equal(parent.Id, s.ParentRunId);
            Assert.NotNull(s.StartedAt);
            Assert.NotNull(s.EndedAt);
            Assert.NotNull(s.Stats);
        });
        Assert.Equal("crawler: GraphQL endpoint unreachable", steps[1].Error!.Message);
        Assert.Equal(12, steps[0].Stats!["items_processed"]!.GetValue<int>());
        Assert.Equal(9, steps[3].Stats!["items_processed"]!.GetValue<int>()); // the step's parameters over the task's
        // Steps ran one after another: each started after the previous ended.
        for (var i = 1; i < steps.Count; i++) Assert.True(steps[i].CreatedAt >= steps[i - 1].EndedAt);
    }

    [Fact]
    public async Task DailyPipeline_RunStepThreeAlone_RunsOnlyThatStepWithItsParameters()
    {
        await using var te = await EngineAsync();
        await ApplyAsync(te, Daily);
        var trig = await te.Client.RunPipelineAsync("daily", step: "3");
        var parent = await RunToEndAsync(te, trig.RunId);

        Assert.Equal(RunStatus.Succeeded, parent.Status);
        var only = Assert.Single(await te.Store.RunListChildren(parent.Id));
        Assert.Equal(("zero-sessions", "zero-sessions", RunTrigger.Pipeline), (only.Step, only.TaskName, only.Trigger));
        Assert.Equal(40, only.Stats!["items_processed"]!.GetValue<int>());
    }

    [Fact]
    public async Task StepFailsWithoutContinue_LaterStepsSkippedAsDependencyFailed_PipelineFailed()
    {
        await using var te = await EngineAsync();
        await ApplyAsync(te, Daily.Replace("{ name: crawler-check, task: crawler-check, continue_on_failure: true }", "{ name: crawler-check, task: crawler-check }"));
        var parent = await RunToEndAsync(te, (await te.Client.RunPipelineAsync("daily")).RunId);

        Assert.Equal(RunStatus.Failed, parent.Status);
        Assert.Equal("pipeline.step_failed", parent.Error!.Type);
        var steps = await te.Store.RunListChildren(parent.Id);
        Assert.Equal([RunStatus.Succeeded, RunStatus.Failed, RunStatus.Skipped, RunStatus.Skipped], steps.Select(s => s.Status));
        Assert.Equal(["dependency_failed", "dependency_failed"], steps.Skip(2).Select(s => s.Reason));
    }

    [Theory]
    [InlineData(12, RunStatus.Succeeded, null)]
    [InlineData(0, RunStatus.Skipped, "condition_false")]
    public async Task ConditionalStep_RunsOnlyWhenTheExpressionHolds(int newItems, RunStatus expected, string? reason)
    {
        await using var te = await EngineAsync();
        await ApplyAsync(te, $$"""
            pipelines:
              - name: cond
                steps:
                  - { name: fetch, handler: ok, parameters: { items: {{newItems}} } }
                  - { name: catalogue, handler: ok, when: "steps.fetch.status == 'succeeded' && steps.fetch.stats.items_new > 0" }
                  - { name: report, handler: ok }
            """);
        var parent = await RunToEndAsync(te, (await te.Client.RunPipelineAsync("cond")).RunId);

        Assert.Equal(RunStatus.Succeeded, parent.Status);
        var steps = (await te.Store.RunListChildren(parent.Id)).ToDictionary(s => s.Step!);
        Assert.Equal((expected, reason), (steps["catalogue"].Status, steps["catalogue"].Reason));
        Assert.Equal(RunStatus.Succeeded, steps["report"].Status); // a step skipped by its condition does not block the next
        Assert.Equal("cond.catalogue", steps["catalogue"].TaskName);
    }

    [Fact]
    public async Task FanOutFanIn_BranchesStartTogether_JoinWaitsForBoth()
    {
        var order = new List<string>();
        await using var te = await EngineAsync(order);
        await ApplyAsync(te, """
            pipelines:
              - name: fan
                steps:
                  - { name: start, handler: ok }
                  - { name: left, handler: ok, after: [start] }
                  - { name: right, handler: ok, after: [start] }
                  - { name: join, handler: ok, after: [left, right] }
            """);
        var parent = await RunToEndAsync(te, (await te.Client.RunPipelineAsync("fan")).RunId);

        Assert.Equal(RunStatus.Succeeded, parent.Status);
        var steps = (await te.Store.RunListChildren(parent.Id)).ToDictionary(s => s.Step!);
        // left and right were queued by the same check; join only after both ended.
        Assert.Equal(steps["left"].CreatedAt, steps["right"].CreatedAt);
        Assert.True(steps["join"].CreatedAt >= steps["left"].EndedAt && steps["join"].CreatedAt >= steps["right"].EndedAt);
        Assert.Equal("fan.start", order[0]);
        Assert.Equal("fan.join", order[^1]);
        Assert.Equal(4, order.Count);
    }

    [Fact]
    public async Task RepeatedCheck_DoesNotDuplicateSteps()
    {
        await using var te = await EngineAsync();
        await ApplyAsync(te, Daily);
        var id = (await te.Client.RunPipelineAsync("daily")).RunId;
        // The check runs many times (every interval) while the steps are waiting: still one run per step.
        await te.Engine.TickAsync().ContinueWith(t => Task.WhenAll(t.Result)).Unwrap();
        var parent = await RunToEndAsync(te, id);
        var steps = await te.Store.RunListChildren(parent.Id);
        Assert.Equal(4, steps.Count);
        Assert.Equal(4, steps.Select(s => s.IdempotencyKey).Distinct().Count());
        Assert.All(steps, s => Assert.Equal($"{id}:{s.Step}", s.IdempotencyKey));
    }
}
