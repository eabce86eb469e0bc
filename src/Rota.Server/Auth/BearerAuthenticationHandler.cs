using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Rota.Server.Problems;
using Rota.Storage;

namespace Rota.Server.Auth;

/// <summary>Authenticates <c>Authorization: Bearer rota_…</c> by the token's hash; refuses revoked and expired tokens and
/// disabled users with a code that says which. Last-used time is written at most once a minute per token. Found tokens
/// come through <see cref="TokenLookupCache"/>.</summary>
public sealed class BearerAuthenticationHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    IRotaStore store, TimeProvider time, TokenTouchThrottle touches, TokenLookupCache tokens) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Bearer";
    private const string FailureKey = "rota:auth_failure";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (header.Length == 0) return AuthenticateResult.NoResult();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            return Fail("auth.unsupported_scheme", "auth: use 'Authorization: Bearer <token>'");
        var secret = header["Bearer ".Length..].Trim();
        var found = secret.StartsWith(TokenSecret.Scheme, StringComparison.Ordinal) ? await tokens.FindAsync(store, TokenSecret.Hash(secret), Context.RequestAborted) : null;
        if (found is null) return Fail("auth.invalid_token", "auth: the token is not valid");
        var now = time.GetUtcNow();
        if (found.Token.RevokedAt is not null) return Fail("auth.token_revoked", "auth: the token was revoked");
        if (found.Token.ExpiresAt is { } exp && exp <= now) return Fail("auth.token_expired", $"auth: the token expired at {exp:O}");
        if (found.User.DisabledAt is not null) return Fail("auth.user_disabled", $"auth: user '{found.User.Name}' is disabled");
        if (touches.ShouldTouch(found.Token.Id, now))
            await store.TokenTouch(new TokenTouchParams(found.Token.Id, now), Context.RequestAborted);
        var identity = new ClaimsIdentity(
        [
            new Claim(ClaimTypes.Name, found.User.Name),
            new Claim(ClaimTypes.Role, found.User.Role),
            new Claim(Caller.UserIdClaim, found.User.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new Claim(Caller.TokenIdClaim, found.Token.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ], SchemeName, ClaimTypes.Name, ClaimTypes.Role);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    private AuthenticateResult Fail(string code, string message)
    {
        Context.Items[FailureKey] = new ApiProblem(401, code, message);
        return AuthenticateResult.Fail(message);
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = "Bearer";
        var problem = Context.Items[FailureKey] as ApiProblem ?? new ApiProblem(401, "auth.missing_token", "auth: this endpoint needs 'Authorization: Bearer <token>'");
        return ProblemWriter.WriteAsync(Context, problem);
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        ProblemWriter.WriteAsync(Context, ApiProblem.Forbidden("auth: this endpoint is for admins only"));
}
