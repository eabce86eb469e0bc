using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http;
using Rota.Server.Auth;

namespace Rota.Server.Dashboard.Components;

/// <summary>Base of every signed-in page: the caller (from the cookie session), the reader, and helpers that answer 404 and
/// 403 with the right status code.</summary>
public abstract class DashboardPage : ComponentBase
{
    [CascadingParameter] public HttpContext HttpContext { get; set; } = default!;
    [Inject] public DashboardReader Reader { get; set; } = default!;

    protected Caller Caller => Caller.From(HttpContext.User);
    protected CancellationToken Aborted => HttpContext.RequestAborted;
    protected bool Missing { get; private set; }
    protected bool Denied { get; private set; }

    /// <summary>Marks the page as not found (404) — also for another user's task or run, so their names do not leak.</summary>
    protected void NotFound()
    {
        Missing = true;
        // Set as the headers go out: a 404 set during rendering makes the endpoint skip the page body.
        var response = HttpContext.Response;
        response.OnStarting(() =>
        {
            response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        });
    }

    /// <summary>True for admins; otherwise marks the page forbidden (403).</summary>
    protected bool RequireAdmin()
    {
        if (Caller.IsAdmin) return true;
        Denied = true;
        HttpContext.Response.StatusCode = StatusCodes.Status403Forbidden;
        return false;
    }

    protected string? Query(string key) => HttpContext.Request.Query[key].ToString() is { Length: > 0 } v ? v : null;
}
