namespace Rota.Client.Models;

/// <summary>One page of <c>GET /api/v1/sources/{id}/items</c>, newest first; pass <see cref="NextCursor"/> for the next.</summary>
public sealed record ItemPage(IReadOnlyList<ItemInfo> Items, string? NextCursor);
