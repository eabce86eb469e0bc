using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Rota.Server.Auth;
using Rota.Server.Problems;
using Rota.Server.Views;
using Rota.Storage;

namespace Rota.Server.Endpoints;

/// <summary><c>/api/v1/tokens</c>: a user creates, lists and revokes their own tokens; an admin anyone's. The secret is in
/// the creation response only.</summary>
public static class TokenEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/tokens").WithTags("Tokens");
        g.MapGet("", List).WithName("ListTokens");
        g.MapPost("", Create).WithName("CreateToken");
        g.MapDelete("/{id:long}", Revoke).WithName("RevokeToken");
    }

    private static async Task<IResult> List(HttpContext http, IRotaStore store)
    {
        var caller = http.Caller();
        long? userId = caller.UserId;
        if (Query.String(http.Request, "user") is { } name)
        {
            caller.RequireAdmin("listing another user's tokens");
            userId = name == "*" ? null : (await store.UserGet(name, http.RequestAborted) ?? throw ApiProblem.NotFound("user", name)).Id;
        }
        return Results.Ok(new { tokens = (await store.TokenList(new TokenListParams(userId), http.RequestAborted)).Select(t => TokenView.From(t)) });
    }

    private static async Task<IResult> Create(HttpContext http, IRotaStore store, UserAccounts accounts, Auditor audit, TimeProvider time)
    {
        var caller = http.Caller();
        var body = (await JsonBody.ReadAsync(http)).Allow("name", "user", "expires_at", "expires_in_days");
        var name = body.String("name", required: true, maxLength: 100)!;
        var userName = body.String("user", maxLength: 64) ?? caller.Name;
        if (userName != caller.Name) caller.RequireAdmin("creating tokens for another user");
        var user = await store.UserGet(userName, http.RequestAborted) ?? throw ApiProblem.Invalid("user", userName, "no such user");
        var expiresAt = body.Instant("expires_at");
        if (body.Int("expires_in_days", 1, 3650) is { } days)
        {
            if (expiresAt is not null) throw ApiProblem.Invalid("expires_in_days", days.ToString(System.Globalization.CultureInfo.InvariantCulture), "give expires_at or expires_in_days, not both");
            expiresAt = time.GetUtcNow().AddDays(days);
        }
        if (expiresAt is { } e && e <= time.GetUtcNow()) throw ApiProblem.Invalid("expires_at", e.ToString("O"), "must be in the future");
        var (row, secret) = await accounts.CreateTokenAsync(user, name, expiresAt, http.RequestAborted);
        await audit.RecordAsync(http, "token.create", $"token:{row.Id}", new JsonObject { ["user"] = user.Name, ["name"] = name });
        return Results.Created($"/api/v1/tokens/{row.Id}", TokenView.From(row, secret));
    }

    private static async Task<IResult> Revoke(long id, HttpContext http, IRotaStore store, Auditor audit, TimeProvider time, TokenLookupCache tokens)
    {
        var caller = http.Caller();
        if (!await store.TokenRevoke(new TokenRevokeParams(id, caller.IsAdmin ? null : caller.UserId, time.GetUtcNow()), http.RequestAborted))
            throw ApiProblem.NotFound("token", id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        tokens.Invalidate();
        await audit.RecordAsync(http, "token.revoke", $"token:{id}");
        return Results.NoContent();
    }
}
