using System.Net;
using System.Net.Sockets;
using Rota.Crawler.Fetching;
using Rota.TestSupport;

namespace Rota.Crawler.Tests.Fetching;

/// <summary>Failures below HTTP: connection establishment that never finishes, TLS that cannot be negotiated, a
/// connection closed mid-response.</summary>
public sealed class FeedFetcherTransportTests
{
    [Fact]
    public async Task FetchAsync_HandshakeNeverCompletes_FailsTimeoutWithinConnectTimeout()
    {
        // The kernel completes the TCP handshake from the backlog, but nobody ever answers the TLS ClientHello.
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var port = ((IPEndPoint)silent.LocalEndpoint).Port;
        using var fetcher = TestFetchers.Create(TestFetchers.Fast with { ConnectTimeout = TimeSpan.FromMilliseconds(300), TotalTimeout = TimeSpan.FromSeconds(10) });

        var result = await fetcher.FetchAsync(new Uri($"https://127.0.0.1:{port}/feed"));

        Assert.Equal(FetchErrorCodes.Timeout, result.ErrorCode);
        Assert.True(result.IsTransient);
        Assert.True(result.Duration < TimeSpan.FromSeconds(3), $"took {result.Duration}");
    }

    [Fact]
    public async Task FetchAsync_HttpsToPlainHttpServer_FailsTlsPermanent()
    {
        await using var server = await LoopbackHttpServer.StartAsync();
        using var fetcher = TestFetchers.Create();

        var result = await fetcher.FetchAsync(new Uri($"https://127.0.0.1:{server.BaseUri.Port}/feed"));

        Assert.Equal(FetchErrorCodes.Tls, result.ErrorCode);
        Assert.False(result.IsTransient);
    }

    [Fact]
    public async Task FetchAsync_ConnectionRefused_FailsConnectionTransient()
    {
        using var closed = new TcpListener(IPAddress.Loopback, 0);
        closed.Start();
        var port = ((IPEndPoint)closed.LocalEndpoint).Port;
        closed.Stop();
        using var fetcher = TestFetchers.Create();

        var result = await fetcher.FetchAsync(new Uri($"http://127.0.0.1:{port}/feed"));

        Assert.Equal(FetchErrorCodes.Connection, result.ErrorCode);
        Assert.True(result.IsTransient);
    }

    [Fact]
    public async Task FetchAsync_ServerClosesMidBody_FailsConnectionTransient()
    {
        await using var server = await LoopbackHttpServer.StartAsync();
        server.Map("/feed", async ctx =>
        {
            ctx.Response.ContentLength = 10_000;
            await ctx.Response.Body.WriteAsync(new byte[100], ctx.RequestAborted);
            await ctx.Response.Body.FlushAsync(ctx.RequestAborted);
            ctx.Abort();
        });
        using var fetcher = TestFetchers.Create();

        var result = await fetcher.FetchAsync(new Uri(server.Url("/feed")));

        Assert.Equal(FetchErrorCodes.Connection, result.ErrorCode);
        Assert.True(result.IsTransient);
    }
}
