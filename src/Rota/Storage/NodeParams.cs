namespace Rota.Storage;

/// <summary>A node as it last reported itself: <c>Role</c> is <c>leader</c> or <c>follower</c>,
/// <c>Running</c> the runs it was executing at its last heartbeat.</summary>
public sealed record NodeRow(string Name, DateTimeOffset StartedAt, DateTimeOffset HeartbeatAt, string Role, int Running, string Version);

/// <summary>Adds the node or, when the name exists (a restart), resets it: started and heartbeat at <c>Now</c>.</summary>
public sealed record NodeRegisterParams(string Name, string Version, DateTimeOffset Now);

public sealed record NodeHeartbeatParams(string Name, string Role, int Running, DateTimeOffset Now);

/// <summary>Removes nodes whose last heartbeat is before <c>HeartbeatBefore</c>.</summary>
public sealed record NodeRemoveStaleParams(DateTimeOffset HeartbeatBefore);

/// <summary>One heartbeat of a node in one statement where the dialect allows (one transaction always): seeks or renews
/// the leadership when <c>Elect</c> (clusters; a single node always leads), refreshes the node's registry row (adding it
/// again, started at <c>Now</c>, when another node removed it as stale), and, when the node leads, removes other nodes
/// whose heartbeat is before <c>StaleBefore</c>.</summary>
public sealed record NodeBeatParams(string Name, string Version, int Running, bool Elect, DateTimeOffset Now, DateTimeOffset LeaseUntil, DateTimeOffset StaleBefore);

/// <summary>The beat's outcome: the leadership as seen (its <c>IsLeader</c> is true for a single node), whether the node
/// had to be registered again, how many stale nodes were removed, and whether maintenance has anything to do: the
/// earliest lease end of a running run (a rescue is due once it has passed) and the earliest end of a timed pause.</summary>
public sealed record NodeBeatResult(LeaderState Leader, bool Registered, int RemovedStale,
    DateTimeOffset? OldestRunningLease = null, DateTimeOffset? NextResumeAt = null);
