using System.Net;
using Rota.Crawler.Fetching;
using Rota.Net;
using Rota.TestSupport;

namespace Rota.Crawler.Tests.Fetching;

public sealed class FeedFetcherRedirectTests
{
    [Fact]
    public async Task FetchAsync_301Chain_SetsPermanentUrlAndRecordsHops()
    {
        await using var server = await LoopbackHttpServer.StartAsync();
        server.MapRedirect("/a", "/b", 301);
        server.MapRedirect("/b", server.Url("/c"), 301);
        server.MapText("/c", 200, "<rss/>");
        using var fetcher = TestFetchers.Create();

        var result = await fetcher.FetchAsync(new Uri(server.Url("/a")));

        Assert.Equal(FetchOutcome.Ok, result.Outcome);
        Assert.Equal(new Uri(server.Url("/c")), result.FinalUrl);
        Assert.Equal(new Uri(server.Url("/c")), result.PermanentUrl);
        Assert.Equal([(301, server.Url("/b")), (301, server.Url("/c"))], result.Redirects.Select(r => (r.StatusCode, r.Location.ToString())));
        Assert.Equal(new Uri(server.Url("/a")), result.Redirects[0].From);
    }

    [Fact]
    public async Task FetchAsync_308_SetsPermanentUrl()
    {
        await using var server = await LoopbackHttpServer.StartAsync();
        server.MapRedirect("/old", "/new", 308);
        server.MapText("/new", 200, "<rss/>");
        using var fetcher = TestFetchers.Create();

        var result = await fetcher.FetchAsync(new Uri(server.Url("/old")));

        Assert.Equal(new Uri(server.Url("/new")), result.PermanentUrl);
    }

    [Theory]
    [InlineData(302)]
    [InlineData(303)]
    [InlineData(307)]
    public async Task FetchAsync_TemporaryHopInChain_LeavesPermanentUrlNull(int temporary)
    {
        await using var server = await LoopbackHttpServer.StartAsync();
        server.MapRedirect("/a", "/b", 301);
        server.MapRedirect("/b", "/c", temporary);
        server.MapText("/c", 200, "<rss/>");
        using var fetcher = TestFetchers.Create();

        var result = await fetcher.FetchAsync(new Uri(server.Url("/a")));

        Assert.Equal(FetchOutcome.Ok, result.Outcome);
        Assert.Equal(new Uri(server.Url("/c")), result.FinalUrl);
        Assert.Null(result.PermanentUrl);
        Assert.Equal(2, result.Redirects.Count);
    }

    [Fact]
    public async Task FetchAsync_301ToError_LeavesPermanentUrlNull()
    {
        await using var server = await LoopbackHttpServer.StartAsync();
        server.MapRedirect("/a", "/missing", 301);
        using var fetcher = TestFetchers.Create();

        var result = await fetcher.FetchAsync(new Uri(server.Url("/a")));

        Assert.Equal(FetchErrorCodes.NotFound, result.ErrorCode);
        Assert.Null(result.PermanentUrl);
    }

    [Fact]
    public async Task FetchAsync_RedirectLoop_FailsRedirectLoop()
    {
        await using var server = await LoopbackHttpServer.StartAsync();
        server.MapRedirect("/a", "/b", 301);
        server.MapRedirect("/b", "/a", 302);
        using var fetcher = TestFetchers.Create();

        var result = await fetcher.FetchAsync(new Uri(server.Url("/a")));

        Assert.Equal(FetchErrorCodes.RedirectLoop, result.ErrorCode);
        Assert.False(result.IsTransient);
        Assert.Equal(2, server.Requests.Count);
    }

    [Fact]
    public async Task FetchAsync_SixHops_FailsTooManyRedirects()
    {
        await using var server = await LoopbackHttpServer.StartAsync();
        for (var i = 0; i < 6; i++) server.MapRedirect($"/r{i}", $"/r{i + 1}", 301);
        server.MapText("/r6", 200, "<rss/>");
        using var fetcher = TestFetchers.Create();

        var result = await fetcher.FetchAsync(new Uri(server.Url("/r0")));

        Assert.Equal(FetchErrorCodes.TooManyRedirects, result.ErrorCode);
        Assert.Equal(6, server.Requests.Count);
    }

    [Fact]
    public async Task FetchAsync_FiveHops_Succeeds()
    {
        await using var server = await LoopbackHttpServer.StartAsync();
        for (var i = 0; i < 5; i++) server.MapRedirect($"/r{i}", $"/r{i + 1}", 301);
        server.MapText("/r5", 200, "<rss/>");
        using var fetcher = TestFetchers.Create();

        var result = await fetcher.FetchAsync(new Uri(server.Url("/r0")));

        Assert.Equal(FetchOutcome.Ok, result.Outcome);
        Assert.Equal(5, result.Redirects.Count);
    }

    [Theory]
    [InlineData("http://10.0.0.1/feed")]
    [InlineData("http://169.254.169.254/latest/meta-data/")]
    [InlineData("http://127.0.0.2/feed")]
    public async Task FetchAsync_RedirectToPrivateAddress_FailsBlockedAddress(string target)
    {
        await using var server = await LoopbackHttpServer.StartAsync();
        server.MapRedirect("/feed", target, 302);
        // Only 127.0.0.1 itself is allowed: every other private or loopback address stays refused.
        using var fetcher = TestFetchers.Create(guard: new OutboundAddressGuard(false, [IPAddress.Loopback]));

        var result = await fetcher.FetchAsync(new Uri(server.Url("/feed")));

        Assert.Equal(FetchErrorCodes.BlockedAddress, result.ErrorCode);
        Assert.False(result.IsTransient);
        Assert.Single(result.Redirects);
    }

    [Fact]
    public async Task FetchAsync_RedirectToNonHttpScheme_FailsBadRedirect()
    {
        await using var server = await LoopbackHttpServer.StartAsync();
        server.MapRedirect("/feed", "file:///etc/passwd", 301);
        using var fetcher = TestFetchers.Create();

        var result = await fetcher.FetchAsync(new Uri(server.Url("/feed")));

        Assert.Equal(FetchErrorCodes.BadRedirect, result.ErrorCode);
    }

    [Fact]
    public async Task FetchAsync_RedirectWithoutLocation_FailsBadRedirect()
    {
        await using var server = await LoopbackHttpServer.StartAsync();
        server.MapText("/feed", 301, "moved somewhere");
        using var fetcher = TestFetchers.Create();

        var result = await fetcher.FetchAsync(new Uri(server.Url("/feed")));

        Assert.Equal(FetchErrorCodes.BadRedirect, result.ErrorCode);
        Assert.Equal(301, result.StatusCode);
    }
}
