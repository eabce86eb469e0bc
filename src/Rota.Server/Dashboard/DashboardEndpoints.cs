using System.Globalization;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Rota.Server.Auth;
using Rota.Server.Endpoints;
using Rota.Storage;

namespace Rota.Server.Dashboard;

/// <summary>The dashboard's non-page routes under <c>/ui</c>: sign-in and sign-out, the confirmed actions, the theme
/// preference, the live event stream (cookie-authenticated twin of <c>/api/v1/events</c>) and the embedded assets.
/// Every POST checks the antiforgery token.</summary>
public static class DashboardEndpoints
{
    public const string ThemeCookie = "rota_theme";
    private const string DummyHash = "pbkdf2-sha256$600000$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";

    /// <summary>The theme chosen with the toggle: light, dark, or auto (follow the system).</summary>
    public static string ThemeOf(HttpContext http) => http.Request.Cookies[ThemeCookie] switch { "light" => "light", "dark" => "dark", _ => "auto" };

    public static void Map(WebApplication app)
    {
        var ui = app.MapGroup("/ui").ExcludeFromDescription();
        ui.MapGet("/assets/{name}", Asset).AllowAnonymous();
        ui.MapGet("/theme", Theme).AllowAnonymous();
        ui.MapPost("/login", Login).AllowAnonymous().DisableAntiforgery();
        var session = ui.MapGroup("").RequireAuthorization(DashboardAuth.PolicyName);
        session.MapPost("/logout", Logout).DisableAntiforgery();
        session.MapPost("/act", Act).DisableAntiforgery();
        session.MapGet("/events", EventEndpoints.Stream);
        DashboardSourceEndpoints.Map(session);
        DashboardFormEndpoints.Map(session);
        PipelineBuilderEndpoints.Map(session);
    }

    private static IResult Asset(string name)
    {
        var type = Path.GetExtension(name) switch { ".css" => "text/css; charset=utf-8", ".js" => "text/javascript; charset=utf-8", _ => null };
        var stream = type is null ? null : Assembly.GetExecutingAssembly().GetManifestResourceStream("Rota.Server.Dashboard.Assets." + name);
        return stream is null ? Results.NotFound() : Results.Stream(stream, type);
    }

    private static IResult Theme(HttpContext http, string? to, string? back)
    {
        var theme = to is "light" or "dark" ? to : "auto";
        http.Response.Cookies.Append(ThemeCookie, theme, new CookieOptions
        {
            HttpOnly = false, SameSite = SameSiteMode.Strict, Secure = http.Request.IsHttps, MaxAge = TimeSpan.FromDays(365), Path = "/",
        });
        return Results.LocalRedirect(DashboardAuth.LocalPath(back));
    }

    private static async Task<IResult> Login(HttpContext http, IAntiforgery antiforgery, IRotaStore store, TimeProvider time, LoginThrottle throttle)
    {
        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        var back = DashboardAuth.LocalPath(form["return_url"]);
        string Retry(string error) => $"/login?failed={error}&return_url={Uri.EscapeDataString(back)}";
        if (!await antiforgery.IsRequestValidAsync(http)) return Results.LocalRedirect(Retry("expired"));
        if (!throttle.TryAcquire(http)) return Results.LocalRedirect(Retry("throttled"));
        var token = form["token"].ToString().Trim();
        UserRow? user = null;
        long tokenId = 0;
        if (token.Length > 0)
        {
            var found = token.StartsWith(TokenSecret.Scheme, StringComparison.Ordinal) ? await store.TokenFind(TokenSecret.Hash(token), http.RequestAborted) : null;
            var now = time.GetUtcNow();
            if (found is { Token.RevokedAt: null } && (found.Token.ExpiresAt is null || found.Token.ExpiresAt > now))
            {
                user = found.User;
                tokenId = found.Token.Id;
            }
        }
        else
        {
            var name = form["username"].ToString().Trim();
            var candidate = name.Length is > 0 and <= 64 ? await store.UserGet(name, http.RequestAborted) : null;
            // Hash even for an unknown user, so timing does not tell which names exist.
            var ok = UserAccounts.VerifyPassword(form["password"].ToString(), candidate?.PasswordHash ?? DummyHash);
            if (ok && candidate?.PasswordHash is not null) user = candidate;
        }
        if (user is null || user.DisabledAt is not null) return Results.LocalRedirect(Retry("invalid"));
        await http.SignInAsync(DashboardAuth.SchemeName, DashboardAuth.Principal(user, tokenId));
        return Results.LocalRedirect(back);
    }

    private static async Task<IResult> Logout(HttpContext http, IAntiforgery antiforgery)
    {
        if (!await antiforgery.IsRequestValidAsync(http)) return Results.LocalRedirect("/?error=" + Uri.EscapeDataString("The form expired; please try again."));
        await http.SignOutAsync(DashboardAuth.SchemeName);
        return Results.LocalRedirect("/login?signed_out=1");
    }

    private static async Task<IResult> Act(HttpContext http, IAntiforgery antiforgery, DashboardActions actions, SourceActions sources, TokenActions tokens, AlertActions alerts, PipelineActions pipelines)
    {
        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        var action = form["action"].ToString();
        var task = form["task"].ToString() is { Length: > 0 } t ? t : null;
        var run = long.TryParse(form["run"], NumberStyles.None, CultureInfo.InvariantCulture, out var r) ? r : (long?)null;
        var back = DashboardAuth.LocalPath(form["back"]);
        if (!await antiforgery.IsRequestValidAsync(http))
            return Results.LocalRedirect(new ActionOutcome(back, null, "The form expired or did not come from this dashboard; nothing was changed. Please try again.").Location());
        if (action == TokenActions.RevokeToken)
        {
            var id = long.TryParse(form["token"], NumberStyles.None, CultureInfo.InvariantCulture, out var tid) ? tid : (long?)null;
            var done = await tokens.RevokeAsync(http, id);
            return Results.LocalRedirect(done is null ? "/not-found" : done.Location());
        }
        if (action == PipelineActions.RunPipeline)
        {
            var step = form["step"].ToString() is { Length: > 0 and <= 100 } st ? st : null;
            var done = await pipelines.RunAsync(http, task, step);
            return Results.LocalRedirect(done is null ? "/not-found" : done.Location());
        }
        if (action == AlertActions.TestChannel)
            return Results.LocalRedirect((await alerts.TestAsync(http, form["channel"].ToString())).Location());
        if (SourceActions.IsSourceAction(action))
        {
            var id = long.TryParse(form["source"], NumberStyles.None, CultureInfo.InvariantCulture, out var sid) ? sid : (long?)null;
            try
            {
                var done = await sources.PerformAsync(http, action, id);
                return Results.LocalRedirect(done is null ? "/not-found" : done.Location());
            }
            catch (RotaException ex) when (!ex.Code.StartsWith("store.", StringComparison.Ordinal))
            {
                return Results.LocalRedirect(new ActionOutcome(back, null, $"The operation failed: {ex.Message}").Location());
            }
        }
        if (!DashboardActions.IsKnown(action)) return Results.LocalRedirect(new ActionOutcome(back, null, $"Unknown action '{action}'.").Location());
        JsonObject? parameters = null;
        if (form["parameters"].ToString() is { Length: > 0 } json && !string.IsNullOrWhiteSpace(json))
        {
            try { parameters = JsonNode.Parse(json) as JsonObject; }
            catch (JsonException) { }
            if (parameters is null) return Results.LocalRedirect(new ActionOutcome(back, null, "Parameters must be a JSON object, like {\"key\": \"value\"}; nothing was run.").Location());
        }
        try
        {
            var outcome = DashboardActions.IsQueueAction(action)
                ? await actions.PerformOnQueueAsync(http, action, form["queue"].ToString())
                : await actions.PerformAsync(http, action, task, run, form["reason"], parameters);
            return outcome is null ? Results.LocalRedirect("/not-found") : Results.LocalRedirect(outcome.Location());
        }
        catch (RotaException ex)
        {
            return Results.LocalRedirect(new ActionOutcome(back, null, $"The operation failed: {ex.Message}").Location());
        }
    }
}
