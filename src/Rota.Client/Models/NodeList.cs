namespace Rota.Client.Models;

/// <summary><c>GET /api/v1/nodes</c>.</summary>
public sealed record NodeList(IReadOnlyList<NodeInfo> Nodes, LeaderInfo Leader);
