namespace Rota.Storage;

/// <summary>A node as it last reported itself: <c>Role</c> is <c>leader</c> or <c>follower</c>,
/// <c>Running</c> the runs it was executing at its last heartbeat.</summary>
public sealed record NodeRow(string Name, DateTimeOffset StartedAt, DateTimeOffset HeartbeatAt, string Role, int Running, string Version);

/// <summary>Adds the node or, when the name exists (a restart), resets it: started and heartbeat at <c>Now</c>.</summary>
public sealed record NodeRegisterParams(string Name, string Version, DateTimeOffset Now);

public sealed record NodeHeartbeatParams(string Name, string Role, int Running, DateTimeOffset Now);

/// <summary>Removes nodes whose last heartbeat is before <c>HeartbeatBefore</c>.</summary>
public sealed record NodeRemoveStaleParams(DateTimeOffset HeartbeatBefore);
