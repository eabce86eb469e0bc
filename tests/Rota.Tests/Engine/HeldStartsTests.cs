using Microsoft.Extensions.Time.Testing;
using Rota.Execution;

namespace Rota.Tests.Engine;

/// <summary>The gates of runs claimed early: open at their instant (never before, even when a timer fires early), all
/// runs of one instant together, or closed by a release.</summary>
public sealed class HeldStartsTests
{
    private static readonly DateTimeOffset T = new(2026, 1, 5, 9, 1, 0, TimeSpan.Zero);

    [Fact]
    public async Task RunsOfOneInstant_ShareOneGate_ThatOpensAtTheInstant()
    {
        var time = new FakeTimeProvider(T.AddMilliseconds(-100));
        var held = new HeldStarts<int>(time);

        var a = held.WaitUntil(T, 1)!;
        var b = held.WaitUntil(T, 2)!;
        var later = held.WaitUntil(T.AddMilliseconds(10), 3)!;

        Assert.Same(a, b);
        Assert.Equal(3, held.Count);
        time.Advance(TimeSpan.FromMilliseconds(99));
        Assert.False(a.IsCompleted);
        time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.True(a.IsCompleted);
        Assert.True(await a);
        Assert.False(later.IsCompleted);
        Assert.Equal(1, held.Count);
    }

    [Fact]
    public void InstantReached_NoGate()
    {
        var held = new HeldStarts<int>(new FakeTimeProvider(T));

        Assert.Null(held.WaitUntil(T, 1));
        Assert.Null(held.WaitUntil(T.AddMilliseconds(-5), 2));
        Assert.Equal(0, held.Count);
    }

    [Fact]
    public async Task TimerFiringEarly_GateWaitsForTheWallClock()
    {
        var time = new EarlyTimers(T.AddMilliseconds(-100), TimeSpan.FromMilliseconds(2));
        var held = new HeldStarts<int>(time);
        var gate = held.WaitUntil(T, 1)!;

        time.Advance(TimeSpan.FromMilliseconds(98));

        Assert.False(gate.IsCompleted);
        time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.False(gate.IsCompleted);
        time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.True(gate.IsCompleted);
        Assert.True(await gate);
    }

    [Fact]
    public async Task ReleaseAll_ClosesEveryGate_AndReturnsTheItems()
    {
        var time = new FakeTimeProvider(T.AddMilliseconds(-100));
        var held = new HeldStarts<int>(time);
        var a = held.WaitUntil(T, 1)!;
        var b = held.WaitUntil(T.AddMilliseconds(50), 2)!;

        Assert.Equal([1, 2], held.ReleaseAll().Order());

        Assert.True(a.IsCompleted && b.IsCompleted);
        Assert.False(await a);
        Assert.False(await b);
        Assert.Equal(0, held.Count);
        time.Advance(TimeSpan.FromMilliseconds(200));
        Assert.Empty(held.ReleaseAll());
    }

    /// <summary>A fake clock whose timers fire <c>early</c> before their due time, as system timers counting whole
    /// milliseconds of a monotonic clock may.</summary>
    private sealed class EarlyTimers(DateTimeOffset start, TimeSpan early) : FakeTimeProvider(start)
    {
        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
            new Early(base.CreateTimer(callback, state, Shorten(dueTime), period), early);

        private TimeSpan Shorten(TimeSpan due) => due == Timeout.InfiniteTimeSpan || due <= early ? due : due - early;

        private sealed class Early(ITimer inner, TimeSpan early) : ITimer
        {
            public bool Change(TimeSpan dueTime, TimeSpan period) =>
                inner.Change(dueTime == Timeout.InfiniteTimeSpan || dueTime <= early ? dueTime : dueTime - early, period);

            public void Dispose() => inner.Dispose();

            public ValueTask DisposeAsync() => inner.DisposeAsync();
        }
    }
}
