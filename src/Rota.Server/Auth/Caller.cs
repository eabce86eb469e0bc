using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Rota.Server.Problems;

namespace Rota.Server.Auth;

/// <summary>Who is calling: the user behind the bearer token. Every query is scoped with it unless <see cref="IsAdmin"/>.</summary>
public sealed record Caller(long UserId, string Name, bool IsAdmin, long TokenId)
{
    public const string UserIdClaim = "rota:user_id";
    public const string TokenIdClaim = "rota:token_id";

    /// <summary>The owner filter for list queries: null for admins (everything), the user's name otherwise.</summary>
    public string? OwnerScope => IsAdmin ? null : Name;

    /// <summary>True when this caller may see or change something owned by <paramref name="owner"/>.</summary>
    public bool Owns(string? owner) => IsAdmin || (owner is not null && owner == Name);

    public void RequireAdmin(string what)
    {
        if (!IsAdmin) throw ApiProblem.Forbidden($"auth: {what} is for admins only");
    }

    public static Caller From(ClaimsPrincipal user) => new(
        long.Parse(user.FindFirstValue(UserIdClaim)!, System.Globalization.CultureInfo.InvariantCulture),
        user.Identity!.Name!,
        user.IsInRole("admin"),
        long.Parse(user.FindFirstValue(TokenIdClaim) ?? "0", System.Globalization.CultureInfo.InvariantCulture));
}

public static class CallerExtensions
{
    public static Caller Caller(this HttpContext http) =>
        http.User.Identity?.IsAuthenticated == true ? Auth.Caller.From(http.User) : throw new ApiProblem(401, "auth.missing_token", "auth: this endpoint needs a bearer token");
}
