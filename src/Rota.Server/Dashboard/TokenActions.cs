using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Rota.Server.Auth;
using Rota.Storage;

namespace Rota.Server.Dashboard;

/// <summary>Token management from the dashboard, with the rules of <c>/api/v1/tokens</c>: a user creates, lists and
/// revokes their own tokens; an admin anyone's. The secret exists only in the creation result.</summary>
public sealed class TokenActions(IRotaStore store, UserAccounts accounts, Auditor audit, TimeProvider time, TokenLookupCache tokens)
{
    public const string RevokeToken = "token-revoke";

    /// <summary>The tokens the caller may see: their own, or (admins) one user's or everyone's (<paramref name="user"/> null).</summary>
    public async Task<IReadOnlyList<TokenRow>> ListAsync(Caller caller, string? user, CancellationToken ct)
    {
        if (!caller.IsAdmin) return await store.TokenList(new TokenListParams(caller.UserId), ct);
        if (user is null) return await store.TokenList(new TokenListParams(null), ct);
        return await store.UserGet(user, ct) is { } u ? await store.TokenList(new TokenListParams(u.Id), ct) : [];
    }

    /// <summary>A token the caller may revoke (their own; any for admins), or null.</summary>
    public async Task<TokenRow?> VisibleAsync(Caller caller, long id, CancellationToken ct) =>
        await store.TokenGet(id, ct) is { } t && (caller.IsAdmin || t.UserId == caller.UserId) ? t : null;

    /// <summary>Creates a token; returns its secret, or the reason it was refused.</summary>
    public async Task<(TokenRow? Row, string? Secret, string? Error)> CreateAsync(HttpContext http, string name, int? expiresInDays, string? userName)
    {
        var caller = http.Caller();
        name = name.Trim();
        if (name.Length is 0 or > 100) return (null, null, "Give the token a name (at most 100 characters), e.g. 'laptop' or 'ci'.");
        if (expiresInDays is < 1 or > 3650) return (null, null, "Expiry must be between 1 and 3650 days, or empty for a token that does not expire.");
        var who = string.IsNullOrWhiteSpace(userName) ? caller.Name : userName.Trim();
        if (who != caller.Name && !caller.IsAdmin) return (null, null, "Only admins may create tokens for another user.");
        var user = await store.UserGet(who, http.RequestAborted);
        if (user is null) return (null, null, $"There is no user '{who}'.");
        DateTimeOffset? expires = expiresInDays is { } d ? time.GetUtcNow().AddDays(d) : null;
        var (row, secret) = await accounts.CreateTokenAsync(user, name, expires, http.RequestAborted);
        await audit.RecordAsync(http, "token.create", $"token:{row.Id}", new JsonObject { ["user"] = user.Name, ["name"] = name, ["via"] = "dashboard" });
        return (row, secret, null);
    }

    /// <summary>Revokes a visible token; null when the caller cannot see it (404).</summary>
    public async Task<ActionOutcome?> RevokeAsync(HttpContext http, long? id)
    {
        var caller = http.Caller();
        var token = id is { } t ? await VisibleAsync(caller, t, http.RequestAborted) : null;
        if (token is null) return null;
        if (token.RevokedAt is not null) return new ActionOutcome("/tokens", null, $"Token '{token.Name}' was already revoked.");
        await store.TokenRevoke(new TokenRevokeParams(token.Id, caller.IsAdmin ? null : caller.UserId, time.GetUtcNow()), http.RequestAborted);
        tokens.Invalidate();
        await audit.RecordAsync(http, "token.revoke", "token:" + token.Id.ToString(CultureInfo.InvariantCulture), new JsonObject { ["via"] = "dashboard" });
        return new ActionOutcome("/tokens", $"Token '{token.Name}' ({token.Prefix}…) revoked; requests with it are refused from now on.", null);
    }
}
