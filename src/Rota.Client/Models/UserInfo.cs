namespace Rota.Client.Models;

/// <summary>A user; role <c>admin</c> or <c>user</c>.</summary>
public sealed record UserInfo(long Id, string Name, string Role, bool Disabled, DateTimeOffset CreatedAt);
