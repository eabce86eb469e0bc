using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Rota.Benchmarks.Crawl;

/// <summary>Kestrel on 127.0.0.1 (a free port) serving <c>/feed/{i}.xml</c> for i in [0, feeds), with an ETag and a
/// 304 on a matching If-None-Match. Counts 200s and 304s.</summary>
internal sealed class SyntheticFeedServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly int _feeds;
    private readonly int _items;
    private long _ok;
    private long _notModified;

    private SyntheticFeedServer(WebApplication app, int feeds, int items)
    {
        _app = app;
        _feeds = feeds;
        _items = items;
    }

    public string BaseUrl { get; private set; } = "";
    public long Ok => Interlocked.Read(ref _ok);
    public long NotModified => Interlocked.Read(ref _notModified);

    public static async Task<SyntheticFeedServer> StartAsync(int feeds, int items)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var server = new SyntheticFeedServer(app, feeds, items);
        app.Run(server.HandleAsync);
        await app.StartAsync();
        server.BaseUrl = app.Urls.First().TrimEnd('/');
        return server;
    }

    public string Url(int feed) => string.Create(CultureInfo.InvariantCulture, $"{BaseUrl}/feed/{feed}.xml");

    private async Task HandleAsync(HttpContext ctx)
    {
        var path = ctx.Request.Path.Value ?? "";
        if (!path.StartsWith("/feed/", StringComparison.Ordinal) || !path.EndsWith(".xml", StringComparison.Ordinal)
            || !int.TryParse(path.AsSpan(6, path.Length - 10), NumberStyles.None, CultureInfo.InvariantCulture, out var feed)
            || feed >= _feeds)
        {
            ctx.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }
        var etag = SyntheticFeed.ETag(feed);
        ctx.Response.Headers.ETag = etag;
        if (ctx.Request.Headers.IfNoneMatch.ToString() == etag)
        {
            Interlocked.Increment(ref _notModified);
            ctx.Response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }
        var body = SyntheticFeed.Body(feed, _items);
        ctx.Response.ContentType = "application/rss+xml; charset=utf-8";
        ctx.Response.ContentLength = body.Length;
        await ctx.Response.Body.WriteAsync(body);
        Interlocked.Increment(ref _ok);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
