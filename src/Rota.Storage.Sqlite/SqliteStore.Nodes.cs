using Dapper;
using Rota.Storage;

namespace Rota.Storage.Sqlite;

public sealed partial class SqliteStore
{
    public Task NodeRegister(NodeRegisterParams p, CancellationToken ct = default) =>
        WriteAsync((c, tx) => c.ExecuteAsync(Sql["NodeRegister"], new { name = p.Name, version = p.Version, now = Ms(p.Now) }, tx), ct);

    public Task<bool> NodeHeartbeat(NodeHeartbeatParams p, CancellationToken ct = default) =>
        WriteAsync(async (c, tx) => await c.ExecuteAsync(Sql["NodeHeartbeat"], new { name = p.Name, role = p.Role, running = p.Running, now = Ms(p.Now) }, tx) > 0, ct);

    public Task<IReadOnlyList<NodeRow>> NodeList(CancellationToken ct = default) =>
        ReadAsync<IReadOnlyList<NodeRow>>(async c =>
            (await c.QueryAsync<(string Name, long StartedAt, long HeartbeatAt, string Role, long Running, string Version)>(Sql["NodeList"]))
            .Select(n => new NodeRow(n.Name, At(n.StartedAt), At(n.HeartbeatAt), n.Role, (int)n.Running, n.Version)).ToList(), ct);

    public Task<bool> NodeRemove(string name, CancellationToken ct = default) =>
        WriteAsync(async (c, tx) => await c.ExecuteAsync(Sql["NodeRemove"], new { name }, tx) > 0, ct);

    public Task<int> NodeRemoveStale(NodeRemoveStaleParams p, CancellationToken ct = default) =>
        WriteAsync((c, tx) => c.ExecuteAsync(Sql["NodeRemoveStale"], new { before = Ms(p.HeartbeatBefore) }, tx), ct);

    public Task<LeaderState> LeaderAcquireOrRenew(LeaderAcquireParams p, CancellationToken ct = default) =>
        WriteAsync(async (c, tx) =>
        {
            var won = (await c.QueryAsync<(string? Holder, long Term, long LeaseUntil)>(Sql["LeaderAcquireOrRenew"],
                new { node = p.Node, now = Ms(p.Now), lease_until = Ms(p.LeaseUntil) }, tx)).ToList();
            var row = won.Count > 0 ? won[0] : await c.QueryFirstAsync<(string? Holder, long Term, long LeaseUntil)>(Sql["LeaderGet"], transaction: tx);
            return new LeaderState(won.Count > 0, row.Term, row.Holder, At(row.LeaseUntil));
        }, ct);

    public Task<LeaderState> LeaderGet(CancellationToken ct = default) =>
        ReadAsync(async c =>
        {
            var row = await c.QueryFirstAsync<(string? Holder, long Term, long LeaseUntil)>(Sql["LeaderGet"]);
            return new LeaderState(false, row.Term, row.Holder, At(row.LeaseUntil));
        }, ct);

    public Task<bool> LeaderRelease(LeaderReleaseParams p, CancellationToken ct = default) =>
        WriteAsync(async (c, tx) => await c.ExecuteAsync(Sql["LeaderRelease"], new { node = p.Node, now = Ms(p.Now) }, tx) > 0, ct);

    public Task<NodeBeatResult> NodeBeat(NodeBeatParams p, CancellationToken ct = default) =>
        WriteAsync(async (c, tx) =>
        {
            // A single node (no election) leads without taking the lease row; it reports the row as it is.
            var won = p.Elect
                ? (await c.QueryAsync<(string? Holder, long Term, long LeaseUntil)>(Sql["LeaderAcquireOrRenew"],
                    new { node = p.Name, now = Ms(p.Now), lease_until = Ms(p.LeaseUntil) }, tx)).ToList()
                : [];
            var row = won.Count > 0 ? won[0] : await c.QueryFirstAsync<(string? Holder, long Term, long LeaseUntil)>(Sql["LeaderGet"], transaction: tx);
            var leader = new LeaderState(won.Count > 0 || !p.Elect, row.Term, row.Holder, At(row.LeaseUntil));
            var beat = await c.QueryFirstAsync<(long Registered, long? OldestLease, long? NextResume)>(Sql["NodeBeat"], new
            {
                node = p.Name, version = p.Version, running = p.Running, role = leader.IsLeader ? "leader" : "follower", now = Ms(p.Now),
            }, tx);
            // This node's row was refreshed just above, so it is never among the stale.
            var removed = leader.IsLeader ? await c.ExecuteAsync(Sql["NodeRemoveStale"], new { before = Ms(p.StaleBefore) }, tx) : 0;
            return new NodeBeatResult(leader, beat.Registered != 0, removed,
                beat.OldestLease is { } l ? At(l) : null, beat.NextResume is { } n ? At(n) : null);
        }, ct);
}
