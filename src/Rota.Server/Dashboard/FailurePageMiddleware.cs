using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Rota.Server.Dashboard;

/// <summary>For dashboard pages only (which also get <see cref="DashboardHeaders"/>): when the store cannot be reached,
/// answers a friendly HTML page (503, retried every 10 s); any other failure answers a short HTML 500 page and is logged.
/// API, health and metrics requests pass through untouched and keep their problem+json.</summary>
public sealed partial class FailurePageMiddleware(RequestDelegate next, ILogger<FailurePageMiddleware> logger)
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
            await WriteAsync(http, StatusCodes.Status503ServiceUnavailable, "The store is unavailable", $"""
                Rota cannot reach its database right now ({System.Net.WebUtility.HtmlEncode(ex.Code)}). Scheduled work resumes by
                itself when the store is back; this page retries every 10 seconds.
                """, refresh: true);
        }
        catch (Exception ex) when (!http.Response.HasStarted && ex is not OperationCanceledException)
        {
            LogFailure(ex, http.Request.Method, http.Request.Path);
            await WriteAsync(http, StatusCodes.Status500InternalServerError, "Something went wrong",
                "The page could not be shown; the error was logged on the server.", refresh: false);
        }
    }

    private static Task WriteAsync(HttpContext http, int status, string title, string text, bool refresh)
    {
        http.Response.Clear();
        DashboardHeaders.Apply(http.Response);
        http.Response.StatusCode = status;
        if (refresh) http.Response.Headers.RetryAfter = "5";
        http.Response.ContentType = "text/html; charset=utf-8";
        return http.Response.WriteAsync($$"""
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            {{(refresh ? "<meta http-equiv=\"refresh\" content=\"10\">" : "")}}<title>Rota — {{title}}</title><link rel="icon" href="data:,">
            <link rel="stylesheet" href="/ui/assets/site.css"></head>
            <body><main id="main" class="standalone"><section class="card" role="alert">
            <h1>{{title}}</h1>
            <p>{{text}}</p>
            <p><a href="/">Try again</a></p></section></main></body></html>
            """, http.RequestAborted);
    }

    [LoggerMessage(EventId = 4010, Level = LogLevel.Error, Message = "dashboard: {Method} {Path} failed")]
    private partial void LogFailure(Exception ex, string method, string path);
}
