using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Rota.TestSupport;

/// <summary>
/// A real Kestrel server on 127.0.0.1 and a free port, with routes added at any time (<see cref="Map"/>). Every
/// request is recorded, body included, before its route runs; unknown paths answer 404.
/// </summary>
public sealed class LoopbackHttpServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, RequestDelegate> _routes = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();

    private LoopbackHttpServer(WebApplication app) => _app = app;

    public Uri BaseUri { get; private set; } = null!;

    public IReadOnlyList<RecordedRequest> Requests => _requests.ToArray();

    public string Url(string pathAndQuery) => new Uri(BaseUri, pathAndQuery).ToString();

    public static async Task<LoopbackHttpServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var server = new LoopbackHttpServer(app);
        app.Run(server.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.BaseUri = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal));
        return server;
    }

    /// <summary>Routes a path (without query) to a handler, replacing an earlier route of that path.</summary>
    public void Map(string path, RequestDelegate handler) => _routes[path] = handler;

    /// <summary>Answers <paramref name="path"/> with a status, an optional text body and headers.</summary>
    public void MapText(string path, int status, string? text = null, string contentType = "text/plain; charset=utf-8", params (string Name, string Value)[] headers) =>
        Map(path, async ctx =>
        {
            ctx.Response.StatusCode = status;
            foreach (var (n, v) in headers) ctx.Response.Headers[n] = v;
            if (text is null) return;
            ctx.Response.ContentType = contentType;
            await ctx.Response.WriteAsync(text, ctx.RequestAborted);
        });

    /// <summary>Answers <paramref name="path"/> with a status, raw body bytes (sent with a Content-Length) and headers,
    /// e.g. a pre-compressed body with its Content-Encoding.</summary>
    public void MapBytes(string path, int status, byte[] body, string contentType, params (string Name, string Value)[] headers) =>
        Map(path, async ctx =>
        {
            ctx.Response.StatusCode = status;
            foreach (var (n, v) in headers) ctx.Response.Headers[n] = v;
            ctx.Response.ContentType = contentType;
            ctx.Response.ContentLength = body.Length;
            await ctx.Response.Body.WriteAsync(body, ctx.RequestAborted);
        });

    /// <summary>Answers <paramref name="path"/> with a redirect to <paramref name="location"/>.</summary>
    public void MapRedirect(string path, string location, int status = 302) =>
        MapText(path, status, headers: ("Location", location));

    private async Task HandleAsync(HttpContext ctx)
    {
        using var reader = new StreamReader(ctx.Request.Body);
        var body = await reader.ReadToEndAsync(ctx.RequestAborted);
        var headers = ctx.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        _requests.Enqueue(new RecordedRequest(ctx.Request.Method, ctx.Request.Path + ctx.Request.QueryString, headers, body));
        if (_routes.TryGetValue(ctx.Request.Path.Value ?? "/", out var route)) await route(ctx);
        else ctx.Response.StatusCode = StatusCodes.Status404NotFound;
    }

    public async ValueTask DisposeAsync()
    {
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await _app.StopAsync(stop.Token);
        await _app.DisposeAsync();
    }
}
