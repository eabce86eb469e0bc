namespace Rota.Client.Models;

/// <summary><c>GET /api/v1/tasks/{name}/next</c>.</summary>
public sealed record NextFires(string Task, bool Enabled, IReadOnlyList<FireInfo> Fires);
