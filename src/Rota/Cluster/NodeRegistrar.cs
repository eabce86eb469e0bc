using System.Reflection;
using Rota.Storage;

namespace Rota.Cluster;

/// <summary>Keeps this node's row in the node registry: registered on start, refreshed on every heartbeat
/// (registered again when another node removed it as stale), removed on graceful stop.</summary>
internal sealed class NodeRegistrar(IRotaStore store, RotaOptions options, TimeProvider time, Func<int> running)
{
    /// <summary>A node silent for this many leases is removed from the registry by the leader.</summary>
    public const int StaleAfterLeases = 3;

    public static string Version { get; } =
        typeof(NodeRegistrar).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? typeof(NodeRegistrar).Assembly.GetName().Version?.ToString() ?? "0";

    public Task RegisterAsync(CancellationToken ct) =>
        store.NodeRegister(new NodeRegisterParams(options.NodeName, Version, time.GetUtcNow()), ct);

    /// <summary>One heartbeat in one store transaction: the bid for the lease when <paramref name="elect"/>, the
    /// registry row (added again when another node removed it) and, by the leader, stale-node removal.</summary>
    public Task<NodeBeatResult> BeatAsync(bool elect, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        return store.NodeBeat(new NodeBeatParams(options.NodeName, Version, running(), elect, now, now + options.LeaseDuration,
            now - options.LeaseDuration * StaleAfterLeases), ct);
    }

    public Task<bool> LeaveAsync(CancellationToken ct) => store.NodeRemove(options.NodeName, ct);
}
