using Microsoft.Extensions.Logging;
using Rota.Storage;

namespace Rota.Cluster;

/// <summary>
/// Seeks or renews the single maintenance leadership through the store's lease row. This node counts itself leader
/// only while it won the last election and its lease has not run out on its own clock, so a leader cut off from
/// the store stops leading when its lease ends, before another node may take over.
/// </summary>
internal sealed partial class Elector(IRotaStore store, RotaOptions options, TimeProvider time, ILogger logger)
{
    private DateTimeOffset _leaseUntil = DateTimeOffset.MinValue;
    private bool _won;

    /// <summary>True while this node holds an unexpired lease.</summary>
    public bool IsLeader => _won && time.GetUtcNow() < _leaseUntil;

    /// <summary>The term of the leadership as last seen.</summary>
    public long Term { get; private set; }

    /// <summary>Records the outcome of this node's bid for the lease (made by its heartbeat for
    /// <see cref="RotaOptions.LeaseDuration"/>); returns whether this node leads.</summary>
    public bool Observe(LeaderState state)
    {
        var was = IsLeader;
        _won = state.IsLeader;
        _leaseUntil = state.IsLeader ? state.LeaseUntil : DateTimeOffset.MinValue;
        Term = state.Term;
        if (state.IsLeader && !was) LogElected(options.NodeName, state.Term);
        else if (!state.IsLeader && was) LogLost(options.NodeName, state.Holder ?? "?", state.Term);
        return state.IsLeader;
    }

    /// <summary>Gives the lease up so another node takes over at its next heartbeat instead of after the lease.</summary>
    public async Task ReleaseAsync(CancellationToken ct)
    {
        if (!_won) return;
        _won = false;
        await store.LeaderRelease(new LeaderReleaseParams(options.NodeName, time.GetUtcNow()), ct).ConfigureAwait(false);
    }

    [LoggerMessage(EventId = 4001, Level = LogLevel.Information, Message = "elector: node {Node} leads maintenance in term {Term}")]
    private partial void LogElected(string node, long term);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Warning, Message = "elector: node {Node} no longer leads; {Holder} holds term {Term}")]
    private partial void LogLost(string node, string holder, long term);
}
