namespace Rota.Client.Models;

/// <summary>One page of <c>GET /api/v1/runs</c>; pass <see cref="NextCursor"/> as <see cref="RunFilter.Cursor"/> for the next.</summary>
public sealed record RunPage(IReadOnlyList<RunInfo> Runs, string? NextCursor);
