using System.Security.Cryptography;
using Rota.Server.Endpoints;
using Rota.Server.Problems;
using Rota.Storage;

namespace Rota.Server.Auth;

/// <summary>Creates users and tokens, and hashes passwords with PBKDF2-SHA256 (600,000 iterations, OWASP 2023) —
/// the format <c>pbkdf2-sha256$iterations$salt$hash</c> lets the cost grow later without breaking old hashes.</summary>
public sealed class UserAccounts(IRotaStore store, TimeProvider time)
{
    private const int Iterations = 600_000;

    public async Task<UserRow> CreateAsync(string name, string role, string? password, CancellationToken ct)
    {
        if (!UserEndpoints.NamePattern().IsMatch(name))
            throw ApiProblem.Invalid("name", name, "user names use lower-case letters, digits, '.', '_' and '-', at most 64 characters");
        if (await store.UserGet(name, ct) is not null) throw new ApiProblem(409, "user.exists", $"user: '{name}' already exists", "name", name);
        return await store.UserCreate(new UserCreateParams(name, role, password is null ? null : HashPassword(CheckPassword(password)), time.GetUtcNow()), ct);
    }

    /// <summary>Creates a token for <paramref name="user"/>; returns its row and the secret, which is shown once.</summary>
    public async Task<(TokenRow Row, string Secret)> CreateTokenAsync(UserRow user, string name, DateTimeOffset? expiresAt, CancellationToken ct)
    {
        var secret = TokenSecret.Create();
        var id = await store.TokenCreate(new TokenCreateParams(user.Id, name, TokenSecret.Prefix(secret), TokenSecret.Hash(secret), expiresAt, time.GetUtcNow()), ct);
        return ((await store.TokenGet(id, ct))!, secret);
    }

    public static string CheckPassword(string password) =>
        password.Length >= 12 ? password : throw ApiProblem.Invalid("password", null, "at least 12 characters");

    public static string HashPassword(string password)
    {
        var salt = RandomNumberGenerator.GetBytes(16);
        var hash = Rfc2898DeriveBytes.Pbkdf2(password, salt, Iterations, HashAlgorithmName.SHA256, 32);
        return $"pbkdf2-sha256${Iterations}${Convert.ToBase64String(salt)}${Convert.ToBase64String(hash)}";
    }

    public static bool VerifyPassword(string password, string? stored)
    {
        var parts = stored?.Split('$');
        if (parts is not ["pbkdf2-sha256", var it, var salt, var hash] || !int.TryParse(it, out var iterations)) return false;
        var expected = Convert.FromBase64String(hash);
        var actual = Rfc2898DeriveBytes.Pbkdf2(password, Convert.FromBase64String(salt), iterations, HashAlgorithmName.SHA256, expected.Length);
        return CryptographicOperations.FixedTimeEquals(actual, expected);
    }
}
