using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Time.Testing;
using Rota.Crawler.Fetching;
using Rota.TestSupport;

namespace Rota.Crawler.Tests.Fetching;

/// <summary>The size cap, the total timeout and the caller's cancellation.</summary>
public sealed class FeedFetcherLimitTests
{
    [Fact]
    public async Task FetchAsync_ContentLengthOverCap_FailsTooLarge()
    {
        await using var server = await LoopbackHttpServer.StartAsync();
        server.MapBytes("/big", 200, new byte[5000], "application/xml");
        using var fetcher = TestFetchers.Create(TestFetchers.Fast with { MaxBodyBytes = 1000 });

        var result = await fetcher.FetchAsync(new Uri(server.Url("/big")));

        Assert.Equal(FetchOutcome.Failed, result.Outcome);
        Assert.Equal(FetchErrorCodes.TooLarge, result.ErrorCode);
        Assert.False(result.IsTransient);
    }

    [Fact]
    public async Task FetchAsync_ChunkedBodyOverCap_StopsReadingAndFailsTooLarge()
    {
        await using var server = await LoopbackHttpServer.StartAsync();
        server.Map("/big", async ctx =>
        {
            for (var i = 0; i < 64; i++) await ctx.Response.Body.WriteAsync(new byte[1024], ctx.RequestAborted);
        });
        using var fetcher = TestFetchers.Create(TestFetchers.Fast with { MaxBodyBytes = 10_000 });

        var result = await fetcher.FetchAsync(new Uri(server.Url("/big")));

        Assert.Equal(FetchErrorCodes.TooLarge, result.ErrorCode);
        Assert.InRange(result.BytesRead, 10_001, 64 * 1024 - 1);
    }

    [Fact]
    public async Task FetchAsync_GzipBombOverCap_FailsTooLargeAfterDecompression()
    {
        await using var server = await LoopbackHttpServer.StartAsync();
        server.MapBytes("/bomb", 200, FeedFetcherTests.Compress(new byte[1_000_000], "gzip"), "application/xml", ("Content-Encoding", "gzip"));
        using var fetcher = TestFetchers.Create(TestFetchers.Fast with { MaxBodyBytes = 100_000 });

        var result = await fetcher.FetchAsync(new Uri(server.Url("/bomb")));

        Assert.Equal(FetchErrorCodes.TooLarge, result.ErrorCode);
    }

    [Fact]
    public async Task FetchAsync_SlowHeaders_FailsTimeoutTransient()
    {
        await using var server = await LoopbackHttpServer.StartAsync();
        server.Map("/slow", async ctx => await Task.Delay(TimeSpan.FromSeconds(3), ctx.RequestAborted));
        using var fetcher = TestFetchers.Create(TestFetchers.Fast with { TotalTimeout = TimeSpan.FromMilliseconds(300) });

        var result = await fetcher.FetchAsync(new Uri(server.Url("/slow")));

        Assert.Equal(FetchErrorCodes.Timeout, result.ErrorCode);
        Assert.True(result.IsTransient);
        Assert.InRange(result.Duration, TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(2));
    }

    [Fact]
    public async Task FetchAsync_SlowBody_FailsTimeout()
    {
        await using var server = await LoopbackHttpServer.StartAsync();
        server.Map("/slow", async ctx =>
        {
            await ctx.Response.WriteAsync("<rss>", ctx.RequestAborted);
            await ctx.Response.Body.FlushAsync(ctx.RequestAborted);
            await Task.Delay(TimeSpan.FromSeconds(3), ctx.RequestAborted);
        });
        using var fetcher = TestFetchers.Create(TestFetchers.Fast with { TotalTimeout = TimeSpan.FromMilliseconds(300) });

        var result = await fetcher.FetchAsync(new Uri(server.Url("/slow")));

        Assert.Equal(FetchErrorCodes.Timeout, result.ErrorCode);
    }

    [Fact]
    public async Task FetchAsync_CallerCancels_Throws()
    {
        await using var server = await LoopbackHttpServer.StartAsync();
        server.Map("/slow", async ctx => await Task.Delay(TimeSpan.FromSeconds(3), ctx.RequestAborted));
        using var fetcher = TestFetchers.Create();
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => fetcher.FetchAsync(new Uri(server.Url("/slow")), ct: cts.Token));
    }

    [Fact]
    public async Task FetchAsync_LongThrottleWaitBetweenHops_DoesNotCountAgainstTotalTimeout()
    {
        var time = new FakeTimeProvider();
        await using var server = await LoopbackHttpServer.StartAsync();
        server.MapRedirect("/old", "/feed", 302);
        server.MapText("/feed", 200, "<rss/>");
        var options = TestFetchers.Fast with { TotalTimeout = TimeSpan.FromSeconds(1) };
        using var fetcher = new FeedFetcher(TestFetchers.LoopbackGuard, time, options, new HostThrottle(1, TimeSpan.FromSeconds(5), time));

        var fetch = fetcher.FetchAsync(new Uri(server.Url("/old")));
        while (server.Requests.Count < 1) await Task.Delay(10);
        await Task.Delay(100); // the second hop is now waiting for its turn
        time.Advance(TimeSpan.FromSeconds(5));
        var result = await fetch.WaitAsync(TimeSpan.FromSeconds(2));

        Assert.Equal(FetchOutcome.Ok, result.Outcome);
        Assert.Equal(2, server.Requests.Count);
    }
}
