using Rota.Storage;

namespace Rota.Server.Views;

public sealed record UserView(long Id, string Name, string Role, bool Disabled, DateTimeOffset CreatedAt)
{
    public static UserView From(UserRow u) => new(u.Id, u.Name, u.Role, u.DisabledAt is not null, u.CreatedAt);
}

/// <summary>A token's bookkeeping; <c>Token</c> (the secret) is set only in the response that created it.</summary>
public sealed record TokenView(long Id, string User, string Name, string Prefix, DateTimeOffset CreatedAt, DateTimeOffset? ExpiresAt,
    DateTimeOffset? LastUsedAt, DateTimeOffset? RevokedAt, string? Token = null)
{
    public static TokenView From(TokenRow t, string? secret = null) =>
        new(t.Id, t.UserName, t.Name, t.Prefix, t.CreatedAt, t.ExpiresAt, t.LastUsedAt, t.RevokedAt, secret);
}
