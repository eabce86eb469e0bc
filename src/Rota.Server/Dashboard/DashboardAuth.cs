using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;
using Rota.Server.Auth;
using Rota.Storage;

namespace Rota.Server.Dashboard;

/// <summary>The dashboard's cookie session: scheme and policy names, the claims of a signed-in user (the same claims the
/// bearer scheme issues, so <see cref="Caller"/> and its owner scoping apply unchanged), and the per-request check that the
/// user still exists, is not disabled and keeps its role, and that the token a session was opened with is still valid.</summary>
public static class DashboardAuth
{
    public const string SchemeName = "RotaDashboard";
    public const string PolicyName = "RotaDashboard";
    public const string CookieName = "rota_session";

    public static ClaimsPrincipal Principal(UserRow user, long tokenId) => new(new ClaimsIdentity(
    [
        new Claim(ClaimTypes.Name, user.Name),
        new Claim(ClaimTypes.Role, user.Role),
        new Claim(Caller.UserIdClaim, user.Id.ToString(CultureInfo.InvariantCulture)),
        new Claim(Caller.TokenIdClaim, tokenId.ToString(CultureInfo.InvariantCulture)),
    ], SchemeName, ClaimTypes.Name, ClaimTypes.Role));

    public static void Configure(CookieAuthenticationOptions o)
    {
        o.Cookie.Name = CookieName;
        o.Cookie.HttpOnly = true;
        o.Cookie.SameSite = SameSiteMode.Strict;
        o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        o.Cookie.Path = "/";
        o.LoginPath = "/login";
        o.LogoutPath = "/logout";
        o.AccessDeniedPath = "/login";
        o.ExpireTimeSpan = TimeSpan.FromHours(8);
        o.SlidingExpiration = true;
        o.Events.OnValidatePrincipal = async ctx =>
        {
            var store = ctx.HttpContext.RequestServices.GetService(typeof(IRotaStore)) as IRotaStore;
            var id = ctx.Principal?.FindFirstValue(Caller.UserIdClaim);
            UserRow? user;
            var tokenValid = true;
            try
            {
                user = store is null || !long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var userId)
                    ? null : await store.UserGetById(userId, ctx.HttpContext.RequestAborted);
                // A session opened with a token lasts only as long as the token: revoked or expired ends it.
                if (user is not null && long.TryParse(ctx.Principal?.FindFirstValue(Caller.TokenIdClaim), NumberStyles.None, CultureInfo.InvariantCulture, out var tokenId) && tokenId > 0)
                {
                    var token = await store!.TokenGet(tokenId, ctx.HttpContext.RequestAborted);
                    var now = ctx.HttpContext.RequestServices.GetService(typeof(TimeProvider)) is TimeProvider time ? time.GetUtcNow() : DateTimeOffset.MaxValue;
                    tokenValid = token is { RevokedAt: null } && (token.ExpiresAt is null || token.ExpiresAt > now);
                }
            }
            catch (RotaException ex) when (ex.Code.StartsWith("store.", StringComparison.Ordinal))
            {
                // The store is down: keep the session; the page itself then shows the "store unavailable" page.
                return;
            }
            if (user is null || !tokenValid || user.DisabledAt is not null || user.Role != ctx.Principal!.FindFirstValue(ClaimTypes.Role))
            {
                ctx.RejectPrincipal();
                await ctx.HttpContext.SignOutAsync(SchemeName);
            }
        };
    }

    /// <summary>A return address that stays on this server (a path, never <c>//host</c> or <c>/\host</c>).</summary>
    public static string LocalPath(string? url) =>
        url is { Length: > 0 } u && u[0] == '/' && (u.Length == 1 || (u[1] != '/' && u[1] != '\\')) ? u : "/";
}
