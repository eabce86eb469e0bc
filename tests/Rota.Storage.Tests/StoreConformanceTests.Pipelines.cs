using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Rota.Execution;
using Rota.Pipelines;
using Rota.Runs;
using Rota.Storage;

namespace Rota.Storage.Tests;

public abstract partial class StoreConformanceTests
{
    [Fact]
    public async Task RunListChildren_ReturnsTheStepRunsOfAParentInOrder_WithParentAndStep()
    {
        await using var store = await CreateStoreAsync();
        var task = await store.TaskUpsert(new TaskUpsertParams(Def("p"), T0));
        var parent = await InsertOne(store, Run(task.Id));
        var other = await InsertOne(store, Run(task.Id));
        var a = await InsertOne(store, Run(task.Id, priority: 10) with { ParentRunId = parent, Step = "a", Trigger = RunTrigger.Pipeline, IdempotencyKey = $"{parent}:a" });
        var b = await InsertOne(store, Run(task.Id, status: RunStatus.Skipped) with { ParentRunId = parent, Step = "b", Reason = "condition_false" });
        await InsertOne(store, Run(task.Id) with { ParentRunId = other, Step = "a" });
        var again = (await store.RunInsertMany([Run(task.Id) with { ParentRunId = parent, Step = "a", IdempotencyKey = $"{parent}:a" }]))[0];

        var children = await store.RunListChildren(parent);
        Assert.Equal([a, b], children.Select(c => c.Id));
        Assert.Equal(["a", "b"], children.Select(c => c.Step));
        Assert.All(children, c => Assert.Equal(parent, c.ParentRunId));
        Assert.Equal((RunStatus.Skipped, "condition_false"), (children[1].Status, children[1].Reason));
        Assert.Equal((a, false), (again.Id, again.Inserted));
        Assert.Equal(parent, (await store.RunGet(a))!.ParentRunId);
        Assert.Null((await store.RunGet(parent))!.ParentRunId);
        var claimed = await Claim(store);
        Assert.Contains(claimed, c => c.Id == a && c.Step == "a" && c.ParentRunId == parent);
    }

    [Fact]
    public async Task RunWake_MakesAWaitingRunDueNow_OnlyWhenScheduledLater()
    {
        await using var store = await CreateStoreAsync();
        var task = await store.TaskUpsert(new TaskUpsertParams(Def("p"), T0));
        var later = await InsertOne(store, Run(task.Id, at: T0.AddMinutes(5), status: RunStatus.Scheduled));
        var due = await InsertOne(store, Run(task.Id, at: T0.AddSeconds(-5)));

        Assert.True(await store.RunWake(new RunWakeParams(later, T0)));
        Assert.Equal(T0, (await store.RunGet(later))!.ScheduledAt);
        Assert.False(await store.RunWake(new RunWakeParams(due, T0)));
        Assert.False(await store.RunWake(new RunWakeParams(later, T0)));
        Assert.False(await store.RunWake(new RunWakeParams(999_999, T0)));
    }

    [Fact]
    public async Task Pipeline_RunByAnEngine_StepsRunInOrderAndTheParentEndsPartial()
    {
        await using var store = await CreateStoreAsync();
        var time = new FakeTimeProvider(T0);
        var options = new RotaOptions { NodeName = "n1", ShutdownGrace = TimeSpan.Zero };
        options.AddHandler("ok", _ => ValueTask.FromResult(TaskOutcome.Success(new JsonObject { ["items"] = 1 })));
        options.AddHandler("boom", _ => ValueTask.FromResult(TaskOutcome.Fail(new RunError("x.down", "x: down", IsTransient: false))));
        await using var engine = new RotaEngine(store, options, time, new ServiceCollection().BuildServiceProvider(), NullLoggerFactory.Instance);
        await engine.Client.ApplyPipelineAsync(new PipelineDefinition
        {
            Name = "daily",
            Steps =
            [
                new PipelineStep { Name = "one", Handler = "ok" },
                new PipelineStep { Name = "two", Handler = "boom", ContinueOnFailure = true },
                new PipelineStep { Name = "three", Handler = "ok" },
            ],
        }, Tasks.TaskOrigin.Api);
        var id = (await engine.Client.RunPipelineAsync("daily")).RunId;

        RunRecord parent = (await store.RunGet(id))!;
        for (var i = 0; i < 40 && !parent.Status.IsTerminal(); i++)
        {
            await engine.RunDueAsync();
            parent = (await store.RunGet(id))!;
            time.Advance(options.PipelineCheckInterval);
        }
        Assert.Equal(RunStatus.Partial, parent.Status);
        var steps = await store.RunListChildren(id);
        Assert.Equal([("one", RunStatus.Succeeded), ("two", RunStatus.Failed), ("three", RunStatus.Succeeded)],
            steps.Select(s => (s.Step!, s.Status)));
        Assert.Equal(["daily.one", "daily.two", "daily.three"], steps.Select(s => s.TaskName));
    }
}
