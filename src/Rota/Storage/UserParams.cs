namespace Rota.Storage;

/// <summary>A user of the API and dashboard. <c>Role</c> is <c>admin</c> or <c>user</c>.</summary>
public sealed record UserRow(long Id, string Name, string Role, string? PasswordHash, DateTimeOffset CreatedAt, DateTimeOffset? DisabledAt)
{
    public const string AdminRole = "admin";
    public const string UserRole = "user";
    public bool IsAdmin => Role == AdminRole;
}

public sealed record UserCreateParams(string Name, string Role, string? PasswordHash, DateTimeOffset Now);

public sealed record UserUpdateParams(long Id, string? Role, string? PasswordHash, bool? Disabled, DateTimeOffset Now);
