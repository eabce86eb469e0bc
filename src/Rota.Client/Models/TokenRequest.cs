namespace Rota.Client.Models;

/// <summary>The body of <c>POST /api/v1/tokens</c>: a name, for whom (admins only for another user), optional expiry.</summary>
public sealed record TokenRequest(string Name, string? User = null, DateTimeOffset? ExpiresAt = null, int? ExpiresInDays = null);
