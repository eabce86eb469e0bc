namespace Rota.Client.Models;

/// <summary>An engine sharing the server's store.</summary>
public sealed record NodeInfo(string Name, string Role, DateTimeOffset StartedAt, DateTimeOffset HeartbeatAt, double HeartbeatAgeSeconds, int Running, string Version);
