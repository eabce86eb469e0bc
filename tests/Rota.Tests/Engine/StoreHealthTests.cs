using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Rota.TestSupport;

namespace Rota.Tests.Engine;

public sealed class StoreHealthTests
{
    private static readonly RotaException Unreachable = new("store.unavailable", "store: unreachable", isTransient: true);

    [Fact]
    public void Failed_ManyLoopsDuringOneOutage_OneWarningAndOneInfo()
    {
        var logs = new RecordingLoggerProvider();
        var time = new FakeTimeProvider(TestEngine.Start);
        var health = new StoreHealth(time, logs.CreateLogger("Rota.Store"));
        Assert.True(health.Failed(Unreachable, "dispatcher"));
        time.Advance(TimeSpan.FromSeconds(4));
        Assert.True(health.Failed(Unreachable, "completer"));
        Assert.True(health.Failed(Unreachable, "dispatcher"));
        Assert.True(health.IsDown);
        health.Succeeded();
        health.Succeeded();
        Assert.False(health.IsDown);
        Assert.Equal(1, logs.Count(5001));
        Assert.Equal(1, logs.Count(5002));
        Assert.Contains("after 4.0 s", logs.Entries.Single(e => e.EventId == 5002).Text);
    }

    [Fact]
    public void Failed_NotTransient_IsNotAnOutage()
    {
        var logs = new RecordingLoggerProvider();
        var health = new StoreHealth(new FakeTimeProvider(), logs.CreateLogger("Rota.Store"));
        Assert.False(health.Failed(new RotaException("store.constraint", "store: duplicate"), "dispatcher"));
        Assert.False(health.Failed(new InvalidOperationException("bug"), "dispatcher"));
        Assert.False(health.IsDown);
        Assert.Empty(logs.Entries);
    }

    [Fact]
    public void RetryBackoff_DoublesFromHalfASecondUpTo15s_AndResets()
    {
        var b = new RetryBackoff();
        Assert.Equal(new[] { 0.5, 1, 2, 4, 8, 15, 15 }, Enumerable.Range(0, 7).Select(_ => b.Next().TotalSeconds));
        b.Reset();
        Assert.Equal(TimeSpan.FromMilliseconds(500), b.Next());
    }
}
