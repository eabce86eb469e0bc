namespace Rota.Client.Models;

/// <summary>The body of <c>PATCH /api/v1/users/{id}</c>; only the members set are changed.</summary>
public sealed record UserUpdate(string? Role = null, bool? Disabled = null, string? Password = null);
