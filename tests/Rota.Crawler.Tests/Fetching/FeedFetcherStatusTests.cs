using Microsoft.Extensions.Time.Testing;
using Rota.Crawler.Fetching;
using Rota.TestSupport;

namespace Rota.Crawler.Tests.Fetching;

public sealed class FeedFetcherStatusTests
{
    [Fact]
    public async Task FetchAsync_410_ReturnsGonePermanent()
    {
        await using var server = await LoopbackHttpServer.StartAsync();
        server.MapText("/feed", 410, "gone");
        using var fetcher = TestFetchers.Create();

        var result = await fetcher.FetchAsync(new Uri(server.Url("/feed")));

        Assert.Equal(FetchOutcome.Gone, result.Outcome);
        Assert.Equal(FetchErrorCodes.Gone, result.ErrorCode);
        Assert.False(result.IsTransient);
        Assert.Empty(result.Body);
    }

    [Theory]
    [InlineData(404, FetchErrorCodes.NotFound, false)]
    [InlineData(500, FetchErrorCodes.ServerError, true)]
    [InlineData(502, FetchErrorCodes.ServerError, true)]
    [InlineData(403, FetchErrorCodes.ClientError, false)]
    [InlineData(401, FetchErrorCodes.ClientError, false)]
    public async Task FetchAsync_ErrorStatus_FailsWithCodeAndTransience(int status, string code, bool transient)
    {
        await using var server = await LoopbackHttpServer.StartAsync();
        server.MapText("/feed", status, "no");
        using var fetcher = TestFetchers.Create();

        var result = await fetcher.FetchAsync(new Uri(server.Url("/feed")));

        Assert.Equal(FetchOutcome.Failed, result.Outcome);
        Assert.Equal(status, result.StatusCode);
        Assert.Equal(code, result.ErrorCode);
        Assert.Equal(transient, result.IsTransient);
        Assert.StartsWith("fetch:", result.ErrorMessage);
        Assert.Contains("/feed", result.ErrorMessage);
    }

    [Fact]
    public async Task FetchAsync_429WithRetryAfterSeconds_ReturnsRetryLaterFromNow()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 30, 8, 0, 0, TimeSpan.Zero));
        await using var server = await LoopbackHttpServer.StartAsync();
        server.MapText("/feed", 429, "slow down", headers: ("Retry-After", "120"));
        using var fetcher = TestFetchers.Create(time: time);

        var result = await fetcher.FetchAsync(new Uri(server.Url("/feed")));

        Assert.Equal(FetchOutcome.RetryLater, result.Outcome);
        Assert.Equal(FetchErrorCodes.RateLimited, result.ErrorCode);
        Assert.True(result.IsTransient);
        Assert.Equal(time.GetUtcNow().AddSeconds(120), result.RetryAfter);
    }

    [Fact]
    public async Task FetchAsync_429WithRetryAfterDate_ReturnsThatDate()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 30, 8, 0, 0, TimeSpan.Zero));
        await using var server = await LoopbackHttpServer.StartAsync();
        server.MapText("/feed", 429, "slow down", headers: ("Retry-After", "Mon, 30 Nov 2026 09:30:00 GMT"));
        using var fetcher = TestFetchers.Create(time: time);

        var result = await fetcher.FetchAsync(new Uri(server.Url("/feed")));

        Assert.Equal(new DateTimeOffset(2026, 11, 30, 9, 30, 0, TimeSpan.Zero), result.RetryAfter);
    }

    [Fact]
    public async Task FetchAsync_503WithRetryAfter_ReturnsRetryLaterUnavailable()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 30, 8, 0, 0, TimeSpan.Zero));
        await using var server = await LoopbackHttpServer.StartAsync();
        server.MapText("/feed", 503, "maintenance", headers: ("Retry-After", "30"));
        using var fetcher = TestFetchers.Create(time: time);

        var result = await fetcher.FetchAsync(new Uri(server.Url("/feed")));

        Assert.Equal(FetchOutcome.RetryLater, result.Outcome);
        Assert.Equal(FetchErrorCodes.Unavailable, result.ErrorCode);
        Assert.True(result.IsTransient);
        Assert.Equal(time.GetUtcNow().AddSeconds(30), result.RetryAfter);
    }

    [Fact]
    public async Task FetchAsync_503WithoutRetryAfter_ReturnsRetryLaterWithoutTime()
    {
        await using var server = await LoopbackHttpServer.StartAsync();
        server.MapText("/feed", 503, "down");
        using var fetcher = TestFetchers.Create();

        var result = await fetcher.FetchAsync(new Uri(server.Url("/feed")));

        Assert.Equal(FetchOutcome.RetryLater, result.Outcome);
        Assert.Null(result.RetryAfter);
    }
}
