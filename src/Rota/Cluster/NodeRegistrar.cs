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

    public async Task HeartbeatAsync(bool leader, CancellationToken ct)
    {
        var p = new NodeHeartbeatParams(options.NodeName, leader ? "leader" : "follower", running(), time.GetUtcNow());
        if (await store.NodeHeartbeat(p, ct).ConfigureAwait(false)) return;
        await RegisterAsync(ct).ConfigureAwait(false);
        await store.NodeHeartbeat(p, ct).ConfigureAwait(false);
    }

    public Task<int> RemoveStaleAsync(CancellationToken ct) =>
        store.NodeRemoveStale(new NodeRemoveStaleParams(time.GetUtcNow() - options.LeaseDuration * StaleAfterLeases), ct);

    public Task<bool> LeaveAsync(CancellationToken ct) => store.NodeRemove(options.NodeName, ct);
}
