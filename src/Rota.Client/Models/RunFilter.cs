namespace Rota.Client.Models;

/// <summary>Filters of <c>GET /api/v1/runs</c>. Status and trigger are snake_case text (<c>succeeded</c>, <c>api</c>).</summary>
public sealed record RunFilter(
    string? Task = null, string? Status = null, string? Trigger = null, string? Owner = null,
    DateTimeOffset? From = null, DateTimeOffset? To = null, string? Cursor = null, int? Limit = null);
