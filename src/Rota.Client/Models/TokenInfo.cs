namespace Rota.Client.Models;

/// <summary>A token's bookkeeping. <see cref="Token"/>, the secret, is set only in the answer that created it.</summary>
public sealed record TokenInfo(long Id, string User, string Name, string Prefix, DateTimeOffset CreatedAt, DateTimeOffset? ExpiresAt,
    DateTimeOffset? LastUsedAt, DateTimeOffset? RevokedAt, string? Token = null);
