namespace Rota.Storage;

/// <summary>An API token's bookkeeping; the secret itself is never stored, only its SHA-256 hash.</summary>
public sealed record TokenRow(long Id, long UserId, string UserName, string Name, string Prefix, DateTimeOffset CreatedAt,
    DateTimeOffset? ExpiresAt, DateTimeOffset? LastUsedAt, DateTimeOffset? RevokedAt);

/// <param name="Prefix">The first characters of the secret, shown in lists so a user can tell tokens apart.</param>
/// <param name="Hash">Hex SHA-256 of the whole secret.</param>
public sealed record TokenCreateParams(long UserId, string Name, string Prefix, string Hash, DateTimeOffset? ExpiresAt, DateTimeOffset Now);

/// <summary>A token found by its hash, with the user it belongs to.</summary>
public sealed record TokenLookup(TokenRow Token, UserRow User);

/// <param name="UserId">Only this user's tokens (null: everyone's).</param>
public sealed record TokenListParams(long? UserId);

/// <param name="UserId">Revoke only when the token belongs to this user (null: any token, for admins).</param>
public sealed record TokenRevokeParams(long Id, long? UserId, DateTimeOffset Now);

public sealed record TokenTouchParams(long Id, DateTimeOffset Now);
