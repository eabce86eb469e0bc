using System.Collections.Concurrent;
using Rota.Execution;
using Rota.Runs;
using Rota.TestSupport;

namespace Rota.Tests.Engine;

/// <summary>Early claim: a run due within <see cref="RotaOptions.EarlyClaimWindow"/> is claimed ahead of its instant,
/// held in its slot, and started exactly at its <c>scheduled_at</c>; on a graceful stop it goes back untouched.</summary>
public sealed class EarlyClaimTests : PolicyTestBase
{
    private static readonly TimeSpan Window = TimeSpan.FromMilliseconds(100);
    private static readonly DateTimeOffset Due = T0.AddMinutes(1);

    [Fact]
    public async Task RunDueAtT_IsClaimedAtTMinusWindow_AndItsHandlerStartsAtT()
    {
        var starts = new StartLog();
        await using var te = await TestEngine.CreateAsync(o =>
        {
            o.EarlyClaimWindow = Window;
            o.AddHandler("log", starts.Run);
        });
        await te.Client.ApplyAsync(Every("a", TimeSpan.FromMinutes(1), "log"));

        // Written ahead (FireAhead 250 ms) but due beyond the window: not claimed yet.
        te.Time.Advance(TimeSpan.FromMinutes(1) - TimeSpan.FromMilliseconds(250));
        Assert.Empty(await te.Engine.TickAsync());
        Assert.Equal(RunStatus.Scheduled, Assert.Single(await Runs(te, "a")).Status);

        te.Time.Advance(TimeSpan.FromMilliseconds(150));
        Assert.Empty(await te.Engine.TickAsync());
        var run = Assert.Single(await Runs(te, "a"));
        Assert.Equal((RunStatus.Running, 1, Due, "test-node"), (run.Status, run.Attempt, run.StartedAt, run.Node));
        Assert.Equal(1, te.Engine.HeldRunCount);
        Assert.Empty(starts.At);

        te.Time.Advance(Window - TimeSpan.FromMilliseconds(1));
        Assert.Empty(starts.At);
        te.Time.Advance(TimeSpan.FromMilliseconds(1));
        await starts.WaitFor(1);
        Assert.Equal([Due], starts.At);
        await WaitForStatus(te, "a", RunStatus.Succeeded);
        Assert.Equal(0, te.Engine.HeldRunCount);
    }

    [Fact]
    public async Task RunsDueTogether_StartTogetherAtTheirInstant()
    {
        var starts = new StartLog();
        await using var te = await TestEngine.CreateAsync(o =>
        {
            o.EarlyClaimWindow = Window;
            o.DefaultQueueConcurrency = 3;
            o.AddHandler("log", starts.Run);
        });
        foreach (var name in new[] { "a", "b", "c" }) await te.Client.ApplyAsync(Every(name, TimeSpan.FromMinutes(1), "log"));
        te.Time.Advance(TimeSpan.FromMinutes(1) - TimeSpan.FromMilliseconds(250));
        await te.Engine.TickAsync();

        te.Time.Advance(TimeSpan.FromMilliseconds(150));
        Assert.Empty(await te.Engine.TickAsync());
        Assert.Equal(3, te.Engine.HeldRunCount);

        te.Time.Advance(Window);
        await starts.WaitFor(3);
        Assert.Equal([Due, Due, Due], starts.At);
    }

    [Fact]
    public async Task RunsBeyondTheFreeSlots_StayInTheStore()
    {
        var starts = new StartLog();
        await using var te = await TestEngine.CreateAsync(o =>
        {
            o.EarlyClaimWindow = Window;
            o.DefaultQueueConcurrency = 1;
            o.AddHandler("log", starts.Run);
        });
        await te.Client.ApplyAsync(Every("a", TimeSpan.FromMinutes(1), "log"));
        await te.Client.ApplyAsync(Every("b", TimeSpan.FromMinutes(1), "log"));
        te.Time.Advance(TimeSpan.FromMinutes(1) - Window);

        Assert.Empty(await te.Engine.TickAsync());

        // One slot: one run held in it, the other still waiting in the store; the held run keeps the slot.
        var runs = (await Runs(te, "a")).Concat(await Runs(te, "b")).ToList();
        Assert.Equal((1, 1), (runs.Count(r => r.Status == RunStatus.Running), runs.Count(r => r.Status == RunStatus.Scheduled)));
        Assert.Empty(await te.Engine.TickAsync());
        Assert.Equal(1, te.Engine.HeldRunCount);
    }

    [Fact]
    public async Task GracefulStop_PutsTheHeldRunBack_AttemptNotSpent()
    {
        var starts = new StartLog();
        await using var te = await TestEngine.CreateAsync(o =>
        {
            o.EarlyClaimWindow = Window;
            o.AddHandler("log", starts.Run);
        });
        await te.Client.ApplyAsync(Every("a", TimeSpan.FromMinutes(1), "log"));
        te.Time.Advance(TimeSpan.FromMinutes(1) - Window);
        await te.Engine.TickAsync();
        Assert.Equal(RunStatus.Running, Assert.Single(await Runs(te, "a")).Status);

        await te.Engine.StopAsync(CancellationToken.None);

        var run = Assert.Single(await Runs(te, "a"));
        Assert.Equal((RunStatus.Scheduled, 0, Due, "claimed early, released on shutdown"), (run.Status, run.Attempt, run.ScheduledAt, run.Reason));
        Assert.Equal(0, te.Engine.HeldRunCount);
        te.Time.Advance(Window);
        Assert.Empty(starts.At);
    }

    [Fact]
    public async Task WindowZero_ClaimsOnlyAtTheInstant()
    {
        var starts = new StartLog();
        await using var te = await TestEngine.CreateAsync(o => o.AddHandler("log", starts.Run));
        Assert.Equal(TimeSpan.Zero, te.Options.EarlyClaimWindow);
        await te.Client.ApplyAsync(Every("a", TimeSpan.FromMinutes(1), "log"));
        te.Time.Advance(TimeSpan.FromMinutes(1) - TimeSpan.FromMilliseconds(1));

        Assert.Empty(await te.Engine.TickAsync());
        Assert.Equal(RunStatus.Scheduled, Assert.Single(await Runs(te, "a")).Status);

        te.Time.Advance(TimeSpan.FromMilliseconds(1));
        await Task.WhenAll(await te.Engine.TickAsync());
        Assert.Equal([Due], starts.At);
    }

    [Fact]
    public async Task StoreUnreachable_NoEarlyClaim()
    {
        await using var te = await TestEngine.CreateAsync(o => o.EarlyClaimWindow = Window);
        await te.Client.ApplyAsync(Every("a", TimeSpan.FromMinutes(1)));
        te.Time.Advance(TimeSpan.FromMinutes(1) - Window);
        te.Engine.Health.Failed(new RotaException("store.unavailable", "store: unreachable", isTransient: true), "test");

        Assert.Empty(await te.Engine.TickAsync());

        Assert.Equal(RunStatus.Scheduled, Assert.Single(await Runs(te, "a")).Status);
    }

    [Fact]
    public void EarlyClaimWindow_OutOfRange_IsRejectedNamingTheField()
    {
        Assert.Contains(new RotaOptions { EarlyClaimWindow = TimeSpan.FromMilliseconds(-1) }.Validate(),
            e => e.StartsWith("Rota:EarlyClaimWindow: -00:00:00.0010000", StringComparison.Ordinal));
        Assert.Contains(new RotaOptions { FireAhead = TimeSpan.FromMilliseconds(50), EarlyClaimWindow = TimeSpan.FromMilliseconds(60) }.Validate(),
            e => e.StartsWith("Rota:EarlyClaimWindow:", StringComparison.Ordinal) && e.Contains("FireAhead", StringComparison.Ordinal));
        Assert.Empty(new RotaOptions { EarlyClaimWindow = TimeSpan.FromMilliseconds(250) }.Validate());
    }

    private static async Task WaitForStatus(TestEngine te, string task, RunStatus status)
    {
        // The completion is written by the completer after the handler returns (real time, bounded).
        for (var i = 0; i < 2000 && Assert.Single(await Runs(te, task)).Status != status; i++) await Task.Delay(5);
        Assert.Equal(status, Assert.Single(await Runs(te, task)).Status);
    }

    /// <summary>A handler that records the (fake) clock when it starts.</summary>
    private sealed class StartLog
    {
        private readonly ConcurrentQueue<DateTimeOffset> _at = new();

        public List<DateTimeOffset> At => [.. _at];

        public ValueTask<TaskOutcome> Run(TaskContext ctx)
        {
            _at.Enqueue(ctx.Time.GetUtcNow());
            return ValueTask.FromResult(TaskOutcome.Success());
        }

        /// <summary>Waits (real time, bounded) until <paramref name="n"/> handlers have started.</summary>
        public async Task WaitFor(int n)
        {
            for (var i = 0; i < 2000 && _at.Count < n; i++) await Task.Delay(5);
            Assert.True(_at.Count >= n, $"expected {n} handler starts, saw {_at.Count}");
        }
    }
}
