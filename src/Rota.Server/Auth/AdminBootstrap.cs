using Rota.Storage;

namespace Rota.Server.Auth;

/// <summary>First start: when the store has no user, creates <c>admin</c> with a token and returns the secret, to be
/// printed once. Later starts return null.</summary>
public static class AdminBootstrap
{
    public const string AdminName = "admin";

    public static async Task<string?> EnsureAdminAsync(IRotaStore store, UserAccounts accounts, CancellationToken ct)
    {
        if (await store.UserCount(ct) > 0) return null;
        var admin = await accounts.CreateAsync(AdminName, UserRow.AdminRole, null, ct);
        var (_, secret) = await accounts.CreateTokenAsync(admin, "first-start", null, ct);
        return secret;
    }
}
