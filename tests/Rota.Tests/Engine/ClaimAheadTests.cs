using Rota.Runs;
using Rota.Tasks;
using Rota.TestSupport;

namespace Rota.Tests.Engine;

/// <summary>Claim ahead: runs claimed beyond the free slots wait in the node's buffer under its lease, take freed slots
/// without another claim, and go back to the store untouched on shutdown.</summary>
public sealed class ClaimAheadTests : PolicyTestBase
{
    [Fact]
    public async Task ShortRuns_ClaimAheadIntoTheBuffer_FreedSlotTakesTheNext_ShutdownPutsTheBufferBack()
    {
        var gate = new Gate();
        await using var te = await TestEngine.CreateAsync(o =>
        {
            o.DefaultQueueConcurrency = 1;
            o.ClaimAheadFactor = 2;
            o.AddHandler("gate", gate.Run);
        });
        // One quick run first: the queue's runs are then known to be short.
        await te.Client.ApplyAsync(new TaskDefinition { Name = "warm", Handler = "noop" });
        await te.Client.TriggerAsync(new TriggerRequest("warm"));
        await te.Engine.RunDueAsync();
        await te.Client.ApplyAsync(new TaskDefinition { Name = "job", Handler = "gate", Overlap = new OverlapPolicy(OverlapKind.AllowAll) });
        await te.Client.EnqueueManyAsync("job", [null, null, null, null]);

        var started = await te.Engine.TickAsync();

        // One slot: one starts, two more are claimed for the buffer (2 × 1 slot), one still waits in the store.
        var first = Assert.Single(started);
        await gate.Entered.Task;
        Assert.Equal([RunStatus.Running, RunStatus.Running, RunStatus.Running, RunStatus.Available], (await Runs(te, "job")).Select(r => r.Status));

        // The finishing run hands its slot to the next buffered run: no tick, no claim.
        gate.Release();
        await first;
        await gate.WaitForCalls(2);

        await te.Engine.StopAsync(CancellationToken.None);

        var runs = await Runs(te, "job");
        Assert.Equal(2, gate.Calls);
        Assert.Equal(RunStatus.Succeeded, runs[0].Status);
        Assert.Equal((RunStatus.Scheduled, 0, "interrupted by shutdown"), (runs[1].Status, runs[1].Attempt, runs[1].Reason));
        Assert.Equal((RunStatus.Scheduled, 0, "claimed ahead, released on shutdown"), (runs[2].Status, runs[2].Attempt, runs[2].Reason));
        Assert.Equal((RunStatus.Available, 0), (runs[3].Status, runs[3].Attempt));
    }

    [Fact]
    public async Task ClaimAheadOff_ClaimsOnlyFreeSlots()
    {
        await using var te = await TestEngine.CreateAsync(o => o.DefaultQueueConcurrency = 1);
        await te.Client.ApplyAsync(new TaskDefinition { Name = "job", Handler = "noop", Overlap = new OverlapPolicy(OverlapKind.AllowAll) });
        await te.Client.EnqueueManyAsync("job", [null]);
        await te.Engine.RunDueAsync();
        await te.Client.EnqueueManyAsync("job", [null, null, null]);

        await Task.WhenAll(await te.Engine.TickAsync());

        Assert.Equal(2, (await Runs(te, "job")).Count(r => r.Status == RunStatus.Available));
    }

    [Fact]
    public void ClaimAheadFactor_OutOfRange_IsRejected()
    {
        Assert.Contains(new RotaOptions { ClaimAheadFactor = -1 }.Validate(), e => e.StartsWith("Rota:ClaimAheadFactor: -1", StringComparison.Ordinal));
        Assert.Contains(new RotaOptions { CompletionLinger = TimeSpan.FromSeconds(2) }.Validate(), e => e.StartsWith("Rota:CompletionLinger:", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(16, 10, 0.05, 160)] // no-op runs: the factor bounds the buffer
    [InlineData(16, 10, 25.0, 40)] // 25 ms runs: 100 ms of work per slot = 4 each
    [InlineData(16, 10, 99.0, 10)] // nearly 100 ms: never below one run per slot
    [InlineData(4, 10, 10.0, 40)] // the factor is the smaller bound
    public void AheadCapacity_HoldsAtMostTheMaxRunTimeOfWorkPerSlot(int factor, int slots, double meanMs, int expected) =>
        Assert.Equal(expected, Rota.Execution.Dispatcher.AheadCapacity(factor, slots, meanMs, TimeSpan.FromMilliseconds(100)));
}
