namespace Rota.Client.Models;

/// <summary><c>GET /api/v1/sources</c>.</summary>
public sealed record SourceList(IReadOnlyList<SourceInfo> Sources, int Count);
