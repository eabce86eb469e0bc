using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;

namespace Rota.Server.Dashboard;

/// <summary>A page form (tokens, task form) posted without a valid antiforgery token would get the framework's bare 400;
/// this sends the browser back to the page with the dashboard's red banner instead. Nothing is changed either way.</summary>
public sealed class ExpiredFormMiddleware(RequestDelegate next)
{
    public const string Message = "The form expired or did not come from this dashboard; nothing was changed. Please try again.";

    public Task InvokeAsync(HttpContext http)
    {
        if (HttpMethods.IsPost(http.Request.Method) && DashboardHeaders.AppliesTo(http.Request.Path)
            && !http.Request.Path.StartsWithSegments("/ui") && http.Features.Get<IAntiforgeryValidationFeature>() is { IsValid: false })
        {
            http.Response.Redirect(new ActionOutcome(http.Request.Path.Value ?? "/", null, Message).Location());
            return Task.CompletedTask;
        }
        return next(http);
    }
}
