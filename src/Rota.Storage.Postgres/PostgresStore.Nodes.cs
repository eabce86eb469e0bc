using Dapper;
using Rota.Storage;
using static Rota.Storage.Postgres.PostgresMapping;

namespace Rota.Storage.Postgres;

public sealed partial class PostgresStore
{
    public Task NodeRegister(NodeRegisterParams p, CancellationToken ct = default) =>
        Write((c, tx) => c.ExecuteAsync(Sql["NodeRegister"], new { name = p.Name, version = p.Version, now = Utc(p.Now) }, tx), ct);

    public Task<bool> NodeHeartbeat(NodeHeartbeatParams p, CancellationToken ct = default) =>
        Write(async (c, tx) => await c.ExecuteAsync(Sql["NodeHeartbeat"], new { name = p.Name, role = p.Role, running = p.Running, now = Utc(p.Now) }, tx) > 0, ct);

    public Task<IReadOnlyList<NodeRow>> NodeList(CancellationToken ct = default) =>
        Read<IReadOnlyList<NodeRow>>(async c =>
            (await c.QueryAsync<(string Name, DateTime StartedAt, DateTime HeartbeatAt, string Role, int Running, string Version)>(Sql["NodeList"]))
            .Select(n => new NodeRow(n.Name, At(n.StartedAt), At(n.HeartbeatAt), n.Role, n.Running, n.Version)).ToList(), ct);

    public Task<bool> NodeRemove(string name, CancellationToken ct = default) =>
        Write(async (c, tx) => await c.ExecuteAsync(Sql["NodeRemove"], new { name }, tx) > 0, ct);

    public Task<int> NodeRemoveStale(NodeRemoveStaleParams p, CancellationToken ct = default) =>
        Write((c, tx) => c.ExecuteAsync(Sql["NodeRemoveStale"], new { before = Utc(p.HeartbeatBefore) }, tx), ct);

    public Task<LeaderState> LeaderAcquireOrRenew(LeaderAcquireParams p, CancellationToken ct = default) =>
        Write(async (c, tx) =>
        {
            var won = (await c.QueryAsync<(string? Holder, long Term, DateTime LeaseUntil)>(Sql["LeaderAcquireOrRenew"],
                new { node = p.Node, now = Utc(p.Now), lease_until = Utc(p.LeaseUntil) }, tx)).ToList();
            var row = won.Count > 0 ? won[0] : await c.QueryFirstAsync<(string? Holder, long Term, DateTime LeaseUntil)>(Sql["LeaderGet"], transaction: tx);
            return new LeaderState(won.Count > 0, row.Term, row.Holder, At(row.LeaseUntil));
        }, ct);

    public Task<LeaderState> LeaderGet(CancellationToken ct = default) =>
        Read(async c =>
        {
            var row = await c.QueryFirstAsync<(string? Holder, long Term, DateTime LeaseUntil)>(Sql["LeaderGet"]);
            return new LeaderState(false, row.Term, row.Holder, At(row.LeaseUntil));
        }, ct);

    public Task<bool> LeaderRelease(LeaderReleaseParams p, CancellationToken ct = default) =>
        Write(async (c, tx) => await c.ExecuteAsync(Sql["LeaderRelease"], new { node = p.Node, now = Utc(p.Now) }, tx) > 0, ct);

    public Task<NodeBeatResult> NodeBeat(NodeBeatParams p, CancellationToken ct = default) =>
        Write(async (c, tx) =>
        {
            var r = await c.QueryFirstAsync<(string? Holder, long Term, DateTime LeaseUntil, bool Won, bool Registered, int Removed,
                DateTime? OldestLease, DateTime? NextResume)>(Sql["NodeBeat"],
                new
                {
                    node = p.Name, version = p.Version, running = p.Running, elect = p.Elect, now = Utc(p.Now),
                    lease_until = Utc(p.LeaseUntil), stale_before = Utc(p.StaleBefore),
                }, tx);
            return new NodeBeatResult(new LeaderState(r.Won, r.Term, r.Holder, At(r.LeaseUntil)), r.Registered, r.Removed,
                r.OldestLease is { } l ? At(l) : null, r.NextResume is { } n ? At(n) : null);
        }, ct);
}
