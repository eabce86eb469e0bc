namespace Rota.Client.Models;

/// <summary>Who holds the leader lease (null holder: no election yet, a single node).</summary>
public sealed record LeaderInfo(string? Holder, long Term, DateTimeOffset? LeaseUntil);
