namespace Rota.Cli.Commands;

/// <summary>One node in <c>rota node list --json</c>: role <c>leader</c> or <c>follower</c>, heartbeat age in seconds,
/// runs executing at its last heartbeat.</summary>
public sealed record NodeView(string Name, string Role, DateTimeOffset HeartbeatAt, double HeartbeatAgeSeconds, int Running,
    DateTimeOffset StartedAt, string Version);
