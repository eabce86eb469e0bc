using Rota.Runs;
using Rota.Tasks;
using Rota.TestSupport;

namespace Rota.Tests.Engine;

/// <summary>What happens when an occurrence fires while the previous run is still going.</summary>
public sealed class OverlapTests : PolicyTestBase
{
    private static async Task<(TestEngine Te, Gate Gate, Task First)> StartBlocked(OverlapPolicy overlap, TimeSpan? terminateGrace = null)
    {
        var gate = new Gate();
        var te = await TestEngine.CreateAsync(o => o.AddHandler("gate", gate.Run));
        await te.Client.ApplyAsync(Every("o", TimeSpan.FromMinutes(1), "gate", d => d with { Overlap = overlap, TerminateGrace = terminateGrace }));
        te.Time.Advance(TimeSpan.FromMinutes(1));
        var started = await te.Engine.TickAsync();
        await gate.Entered.Task;
        return (te, gate, started[0]);
    }

    private static async Task<IReadOnlyList<Task>> Fire(TestEngine te)
    {
        te.Time.Advance(TimeSpan.FromMinutes(1));
        return await te.Engine.TickAsync();
    }

    [Fact]
    public async Task Skip_RecordsTheOverlappingOccurrenceSkipped()
    {
        var (te, gate, first) = await StartBlocked(OverlapPolicy.Default);
        await using var owned = te;
        Assert.Empty(await Fire(te));
        gate.Release();
        await first;
        var runs = await Runs(te, "o");
        Assert.Equal([RunStatus.Succeeded, RunStatus.Skipped], runs.Select(r => r.Status));
        Assert.Contains("overlap", runs[1].Reason);
    }

    [Fact]
    public async Task BufferOne_KeepsOneWaitingAndSkipsTheRest()
    {
        var (te, gate, first) = await StartBlocked(new OverlapPolicy(OverlapKind.BufferOne));
        await using var owned = te;
        Assert.Empty(await Fire(te));
        Assert.Empty(await Fire(te));
        gate.Release();
        await first;
        var second = await te.Engine.TickAsync();
        await gate.Entered.Task;
        gate.Release();
        await Task.WhenAll(second);
        var runs = await Runs(te, "o");
        Assert.Equal([RunStatus.Succeeded, RunStatus.Succeeded, RunStatus.Skipped], runs.Select(r => r.Status));
        Assert.Equal(T0.AddMinutes(2), runs[1].NominalTime);
    }

    [Fact]
    public async Task BufferAll_QueuesEveryOccurrenceAndRunsThemInOrder()
    {
        var (te, gate, first) = await StartBlocked(new OverlapPolicy(OverlapKind.BufferAll));
        await using var owned = te;
        await Fire(te);
        await Fire(te);
        gate.Release();
        await first;
        for (var i = 0; i < 2; i++)
        {
            var next = await te.Engine.TickAsync();
            _ = Assert.Single(next);
            await gate.Entered.Task;
            gate.Release();
            await Task.WhenAll(next);
        }
        var runs = await Runs(te, "o");
        Assert.Equal(3, runs.Count(r => r.Status == RunStatus.Succeeded));
        Assert.Equal(3, gate.Calls);
    }

    [Fact]
    public async Task CancelOther_CancelsTheRunningRunAndStartsTheNewOne()
    {
        var (te, gate, first) = await StartBlocked(new OverlapPolicy(OverlapKind.CancelOther));
        await using var owned = te;
        // The new run may start in the firing tick or the next one, depending on how fast the old one stops.
        var fired = await Fire(te);
        await first;
        var next = await te.Engine.TickAsync();
        await gate.WaitForCalls(2);
        gate.Release();
        await Task.WhenAll([.. fired, .. next]);
        var runs = await Runs(te, "o");
        Assert.Equal((RunStatus.Cancelled, RunStatus.Succeeded), (runs[0].Status, runs[1].Status));
        Assert.Contains("superseded", runs[0].Reason);
    }

    [Fact]
    public async Task TerminateOther_AbandonsARunThatIgnoresCancellationAfterTheGrace()
    {
        var stubborn = new TaskCompletionSource();
        var entered = new TaskCompletionSource();
        var calls = 0;
        await using var te = await TestEngine.CreateAsync(o => o.AddHandler("stubborn", async _ =>
        {
            if (Interlocked.Increment(ref calls) == 1) { entered.SetResult(); await stubborn.Task; }
            return Execution.TaskOutcome.Success();
        }));
        await te.Client.ApplyAsync(Every("t", TimeSpan.FromMinutes(1), "stubborn", d => d with
        {
            Overlap = new OverlapPolicy(OverlapKind.TerminateOther), TerminateGrace = TimeSpan.FromSeconds(30),
        }));
        te.Time.Advance(TimeSpan.FromMinutes(1));
        var first = await te.Engine.TickAsync();
        await entered.Task;
        await Fire(te);
        Assert.Empty(await te.Engine.TickAsync());
        Assert.Equal(RunStatus.Running, (await Runs(te, "t"))[0].Status);
        // The grace timer is armed asynchronously after the cancel request; step the fake clock until it fires.
        var old = (await Runs(te, "t"))[0];
        for (var i = 0; i < 200 && old.Status != RunStatus.Abandoned; i++)
        {
            te.Time.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(5);
            old = (await Runs(te, "t"))[0];
        }
        Assert.Equal(RunStatus.Abandoned, old.Status);
        Assert.Equal("abandoned: did not stop within the terminate grace", old.Reason);
        var late = (await Runs(te, "t")).Where(r => r.Status == RunStatus.Available).ToList();
        await te.Engine.RunDueAsync();
        Assert.Single(late);
        Assert.Equal(RunStatus.Succeeded, (await te.Store.RunGet(late[0].Id))!.Status);
        stubborn.SetResult();
        await Task.WhenAll(first);
        Assert.Equal(RunStatus.Abandoned, (await Runs(te, "t"))[0].Status);
    }

    [Fact]
    public async Task AllowAllWithLimit_RunsTwoAtOnceAndSkipsTheThird()
    {
        var (te, gate, first) = await StartBlocked(new OverlapPolicy(OverlapKind.AllowAll, 2));
        await using var owned = te;
        var second = await Fire(te);
        _ = Assert.Single(second);
        Assert.Empty(await Fire(te));
        await gate.WaitForCalls(2);
        gate.Release();
        await Task.WhenAll([first, .. second]);
        var runs = await Runs(te, "o");
        Assert.Equal([RunStatus.Succeeded, RunStatus.Succeeded, RunStatus.Skipped], runs.Select(r => r.Status));
    }

    [Fact]
    public async Task ManualTrigger_HonoursSkipUnlessOverridden()
    {
        var (te, gate, first) = await StartBlocked(OverlapPolicy.Default);
        await using var owned = te;
        var running = (await Runs(te, "o"))[0].Id;
        var refused = await te.Client.TriggerAsync(new TriggerRequest("o"));
        Assert.Equal((RunStatus.Skipped, running), (refused.Status, refused.ConflictingRunId!.Value));
        var forced = await te.Client.TriggerAsync(new TriggerRequest("o", IgnoreOverlap: true));
        Assert.Equal(RunStatus.Available, forced.Status);
        gate.Release();
        await first;
    }

}
