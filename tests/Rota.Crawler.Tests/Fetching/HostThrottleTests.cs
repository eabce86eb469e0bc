using Microsoft.Extensions.Time.Testing;
using Rota.Crawler.Fetching;

namespace Rota.Crawler.Tests.Fetching;

public sealed class HostThrottleTests
{
    private static readonly TimeSpan Soon = TimeSpan.FromSeconds(2);

    [Fact]
    public async Task AcquireAsync_MaxConcurrentHeld_WaitsForRelease()
    {
        var throttle = new HostThrottle(2, TimeSpan.Zero, new FakeTimeProvider());
        var first = await throttle.AcquireAsync("example.com", CancellationToken.None);
        using var second = await throttle.AcquireAsync("example.com", CancellationToken.None);

        var third = throttle.AcquireAsync("example.com", CancellationToken.None).AsTask();
        await Task.Delay(50);
        Assert.False(third.IsCompleted);
        Assert.Equal(2, throttle.InFlight("example.com"));

        first.Dispose();
        using var lease = await third.WaitAsync(Soon);
        Assert.Equal(2, throttle.InFlight("EXAMPLE.com"));
    }

    [Fact]
    public async Task AcquireAsync_OtherHost_DoesNotWait()
    {
        var throttle = new HostThrottle(1, TimeSpan.FromSeconds(1), new FakeTimeProvider());
        using var a = await throttle.AcquireAsync("a.example", CancellationToken.None);

        using var b = await throttle.AcquireAsync("b.example", CancellationToken.None).AsTask().WaitAsync(Soon);

        Assert.Equal(1, throttle.InFlight("b.example"));
    }

    [Fact]
    public async Task AcquireAsync_WithinMinInterval_WaitsUntilIntervalElapses()
    {
        var time = new FakeTimeProvider();
        var throttle = new HostThrottle(2, TimeSpan.FromSeconds(1), time);
        using (await throttle.AcquireAsync("example.com", CancellationToken.None)) { }

        var next = throttle.AcquireAsync("example.com", CancellationToken.None).AsTask();
        time.Advance(TimeSpan.FromMilliseconds(999));
        await Task.Delay(50);
        Assert.False(next.IsCompleted);

        time.Advance(TimeSpan.FromMilliseconds(1));
        using var lease = await next.WaitAsync(Soon);
    }

    [Fact]
    public async Task AcquireAsync_ConcurrentWaiters_StartOneIntervalApart()
    {
        var time = new FakeTimeProvider();
        var throttle = new HostThrottle(3, TimeSpan.FromSeconds(1), time);
        using var first = await throttle.AcquireAsync("example.com", CancellationToken.None);
        var second = throttle.AcquireAsync("example.com", CancellationToken.None).AsTask();
        var third = throttle.AcquireAsync("example.com", CancellationToken.None).AsTask();

        time.Advance(TimeSpan.FromSeconds(1));
        using var s = await second.WaitAsync(Soon);
        await Task.Delay(50);
        Assert.False(third.IsCompleted);

        time.Advance(TimeSpan.FromSeconds(1));
        using var t = await third.WaitAsync(Soon);
    }

    [Fact]
    public async Task AcquireAsync_CancelledWhileWaiting_ThrowsAndFreesSlot()
    {
        var time = new FakeTimeProvider();
        var throttle = new HostThrottle(1, TimeSpan.FromSeconds(10), time);
        using (await throttle.AcquireAsync("example.com", CancellationToken.None)) { }
        using var cts = new CancellationTokenSource();

        var waiting = throttle.AcquireAsync("example.com", cts.Token).AsTask();
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting.WaitAsync(Soon));
        Assert.Equal(0, throttle.InFlight("example.com"));
    }

    [Fact]
    public async Task FetchAsync_SharedThrottle_HoldsSecondRequestForInterval()
    {
        var time = new FakeTimeProvider();
        await using var server = await Rota.TestSupport.LoopbackHttpServer.StartAsync();
        server.MapText("/feed", 200, "<rss/>");
        var throttle = new HostThrottle(2, TimeSpan.FromSeconds(1), time);
        using var fetcher = new FeedFetcher(TestFetchers.LoopbackGuard, time, TestFetchers.Fast, throttle);

        await fetcher.FetchAsync(new Uri(server.Url("/feed")));
        var second = fetcher.FetchAsync(new Uri(server.Url("/feed")));
        await Task.Delay(100);
        Assert.False(second.IsCompleted);
        Assert.Single(server.Requests);

        time.Advance(TimeSpan.FromSeconds(1));
        var result = await second.WaitAsync(Soon);
        Assert.Equal(FetchOutcome.Ok, result.Outcome);
    }
}
