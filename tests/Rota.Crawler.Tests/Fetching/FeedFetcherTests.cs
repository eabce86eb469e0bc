using System.IO.Compression;
using System.Text;
using Microsoft.AspNetCore.Http;
using Rota.Crawler.Fetching;
using Rota.Net;
using Rota.TestSupport;

namespace Rota.Crawler.Tests.Fetching;

public sealed class FeedFetcherTests
{
    private const string Feed = "<rss version=\"2.0\"><channel><title>t</title></channel></rss>";

    [Fact]
    public async Task FetchAsync_ETagThenConditional_ReturnsOkThenNotModified()
    {
        await using var server = await LoopbackHttpServer.StartAsync();
        server.Map("/feed", async ctx =>
        {
            if (ctx.Request.Headers.IfNoneMatch == "\"v1\"" && ctx.Request.Headers.IfModifiedSince == "Sun, 29 Nov 2026 10:00:00 GMT")
            {
                ctx.Response.StatusCode = 304;
                return;
            }
            ctx.Response.Headers.ETag = "\"v1\"";
            ctx.Response.Headers.LastModified = "Sun, 29 Nov 2026 10:00:00 GMT";
            ctx.Response.ContentType = "application/rss+xml";
            await ctx.Response.WriteAsync(Feed);
        });
        using var fetcher = TestFetchers.Create();

        var first = await fetcher.FetchAsync(new Uri(server.Url("/feed")));
        var second = await fetcher.FetchAsync(new Uri(server.Url("/feed")), first.ETag, first.LastModified);

        Assert.Equal(FetchOutcome.Ok, first.Outcome);
        Assert.Equal(Feed, Encoding.UTF8.GetString(first.Body));
        Assert.Equal("\"v1\"", first.ETag);
        Assert.Equal("Sun, 29 Nov 2026 10:00:00 GMT", first.LastModified);
        Assert.Equal("application/rss+xml", first.ContentType);
        Assert.Equal(FetchOutcome.NotModified, second.Outcome);
        Assert.Equal(304, second.StatusCode);
        Assert.Empty(second.Body);
        Assert.Equal("\"v1\"", second.ETag);
        Assert.Null(second.ErrorCode);
    }

    [Theory]
    [InlineData("gzip")]
    [InlineData("br")]
    [InlineData("deflate")]
    public async Task FetchAsync_CompressedBody_ReturnsDecompressedBytes(string encoding)
    {
        await using var server = await LoopbackHttpServer.StartAsync();
        var plain = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat(Feed, 50)));
        server.MapBytes("/feed", 200, Compress(plain, encoding), "application/rss+xml", ("Content-Encoding", encoding));
        using var fetcher = TestFetchers.Create();

        var result = await fetcher.FetchAsync(new Uri(server.Url("/feed")));

        Assert.Equal(FetchOutcome.Ok, result.Outcome);
        Assert.Equal(plain, result.Body);
        Assert.Equal(plain.Length, result.BytesRead);
        Assert.Contains(encoding, server.Requests[0].Header("Accept-Encoding"));
    }

    [Fact]
    public async Task FetchAsync_Default_SendsRotaUserAgentAndAccept()
    {
        await using var server = await LoopbackHttpServer.StartAsync();
        server.MapText("/feed", 200, Feed);
        using var fetcher = TestFetchers.Create();

        await fetcher.FetchAsync(new Uri(server.Url("/feed")));

        Assert.Matches(@"^Rota/\d+\.\d+\.\d+\S* \(\+https://github\.com/rota; feed crawler\)$", server.Requests[0].Header("User-Agent"));
        Assert.Contains("application/rss+xml", server.Requests[0].Header("Accept"));
    }

    [Fact]
    public async Task FetchAsync_ConfiguredUserAgent_SendsIt()
    {
        await using var server = await LoopbackHttpServer.StartAsync();
        server.MapText("/feed", 200, Feed);
        using var fetcher = TestFetchers.Create(TestFetchers.Fast with { UserAgent = "MyReader/2.0" });

        await fetcher.FetchAsync(new Uri(server.Url("/feed")));

        Assert.Equal("MyReader/2.0", server.Requests[0].Header("User-Agent"));
    }

    [Fact]
    public async Task FetchAsync_LoopbackNotAllowed_FailsBlockedAddress()
    {
        await using var server = await LoopbackHttpServer.StartAsync();
        server.MapText("/feed", 200, Feed);
        using var fetcher = TestFetchers.Create(guard: OutboundAddressGuard.PublicOnly);

        var result = await fetcher.FetchAsync(new Uri(server.Url("/feed")));

        Assert.Equal(FetchErrorCodes.BlockedAddress, result.ErrorCode);
        Assert.False(result.IsTransient);
        Assert.Empty(server.Requests);
    }

    [Theory]
    [InlineData("ftp://example.com/feed")]
    [InlineData("file:///etc/passwd")]
    public async Task FetchAsync_NonHttpUrl_FailsInvalidUrl(string url)
    {
        using var fetcher = TestFetchers.Create();

        var result = await fetcher.FetchAsync(new Uri(url));

        Assert.Equal(FetchErrorCodes.InvalidUrl, result.ErrorCode);
    }

    [Fact]
    public async Task FetchAsync_UnresolvableHost_FailsDnsTransient()
    {
        using var fetcher = TestFetchers.Create();

        var result = await fetcher.FetchAsync(new Uri("http://no-such-host.invalid/feed"));

        Assert.Equal(FetchErrorCodes.Dns, result.ErrorCode);
        Assert.True(result.IsTransient);
    }

    [Fact]
    public void Constructor_InvalidOptions_ListsEveryViolation()
    {
        var bad = new FetchOptions { MaxBodyBytes = 0, MaxConcurrentPerHost = 0, UserAgent = " " };

        var ex = Assert.Throws<ArgumentException>(() => TestFetchers.Create(bad));

        Assert.Contains("MaxBodyBytes", ex.Message);
        Assert.Contains("MaxConcurrentPerHost", ex.Message);
        Assert.Contains("UserAgent", ex.Message);
    }

    internal static byte[] Compress(byte[] data, string encoding)
    {
        var output = new MemoryStream();
        using (Stream z = encoding switch
        {
            "gzip" => new GZipStream(output, CompressionLevel.Fastest),
            "br" => new BrotliStream(output, CompressionLevel.Fastest),
            _ => new ZLibStream(output, CompressionLevel.Fastest),
        })
            z.Write(data);
        return output.ToArray();
    }
}
