using Microsoft.AspNetCore.Http;

namespace Rota.Server.Dashboard;

/// <summary>For dashboard pages only (which also get <see cref="DashboardHeaders"/>): when the store cannot be reached, answers a friendly HTML page (503, retry in a few
/// seconds) instead of the API's problem+json. API, health and metrics requests pass through untouched.</summary>
public sealed class StoreDownMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext http)
    {
        if (!DashboardHeaders.AppliesTo(http.Request.Path))
        {
            await next(http);
            return;
        }
        DashboardHeaders.Apply(http.Response);
        try
        {
            await next(http);
        }
        catch (RotaException ex) when (!http.Response.HasStarted && ex.Code.StartsWith("store.", StringComparison.Ordinal))
        {
            http.Response.Clear();
            DashboardHeaders.Apply(http.Response);
            http.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            http.Response.Headers.RetryAfter = "5";
            http.Response.ContentType = "text/html; charset=utf-8";
            await http.Response.WriteAsync(Page(ex.Code), http.RequestAborted);
        }
    }

    private static string Page(string code) => $$"""
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <meta http-equiv="refresh" content="10"><title>Rota — store unavailable</title><link rel="icon" href="data:,">
        <link rel="stylesheet" href="/ui/assets/site.css"></head>
        <body><main id="main" class="standalone"><section class="card" role="alert">
        <h1>The store is unavailable</h1>
        <p>Rota cannot reach its database right now ({{System.Net.WebUtility.HtmlEncode(code)}}). Scheduled work resumes by itself
        when the store is back; this page retries every 10 seconds.</p>
        <p><a href="/">Try again now</a></p></section></main></body></html>
        """;
}
