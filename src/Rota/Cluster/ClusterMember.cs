using Microsoft.Extensions.Logging;
using Rota.Storage;

namespace Rota.Cluster;

/// <summary>
/// This node's part in the cluster: registers it, and every <see cref="RotaOptions.HeartbeatInterval"/> renews its
/// registry row and seeks or renews the maintenance leadership, starting the leader-only duties (the scheduler's
/// firing loop) when it leads and stopping them when it does not. With <see cref="RotaOptions.SingleNode"/> the node
/// always leads and no election takes place.
/// </summary>
internal sealed partial class ClusterMember
{
    private readonly RotaOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Elector _elector;
    private readonly NodeRegistrar _registrar;
    private readonly List<LeaderDuty> _duties = [];
    private readonly StoreHealth _health;
    private CancellationToken _dutyToken = new(canceled: true);

    public ClusterMember(IRotaStore store, RotaOptions options, TimeProvider time, Func<int> running, StoreHealth health, ILogger logger)
    {
        _health = health;
        _options = options;
        _time = time;
        _logger = logger;
        _elector = new Elector(store, options, time, logger);
        _registrar = new NodeRegistrar(store, options, time, running);
    }

    /// <summary>True when this node runs maintenance: always on a single node, else while it holds the lease.</summary>
    public bool IsLeader => _options.SingleNode || _elector.IsLeader;

    /// <summary>The leadership term last seen (0 on a single node).</summary>
    public long Term => _elector.Term;

    /// <summary>The outcome of the last successful heartbeat (null before the first).</summary>
    public NodeBeatResult? LastBeat { get; private set; }

    /// <summary>The term a fenced leader-only write must carry: null on a single node (no election, nothing to fence).</summary>
    public long? FencingTerm => _options.SingleNode ? null : _elector.Term;

    /// <summary>Adds a loop that runs only while this node leads (started by <see cref="JoinAsync"/>).</summary>
    public void AddDuty(Func<CancellationToken, Task> loop) => _duties.Add(new LeaderDuty(loop));

    /// <summary>Registers the node and holds the first election; the duties start with <see cref="StartDutiesAsync"/>.</summary>
    public async Task JoinAsync(CancellationToken ct)
    {
        await _registrar.RegisterAsync(ct).ConfigureAwait(false);
        await BeatAsync(ct).ConfigureAwait(false);
    }

    /// <summary>From now on the duties run while this node leads, until <paramref name="stopping"/>.</summary>
    public Task StartDutiesAsync(CancellationToken stopping)
    {
        _dutyToken = stopping;
        return SyncDutiesAsync();
    }

    /// <summary>One heartbeat, one store transaction: election (unless single node), registry row, stale-node removal
    /// by the leader; then duties started or stopped to match.</summary>
    public async Task BeatAsync(CancellationToken ct)
    {
        try
        {
            var beat = await _registrar.BeatAsync(elect: !_options.SingleNode, ct).ConfigureAwait(false);
            if (!_options.SingleNode) _elector.Observe(beat.Leader);
            LastBeat = beat;
            if (beat.RemovedStale > 0) LogRemovedStale(beat.RemovedStale);
            _health.Succeeded();
        }
        finally
        {
            // On a store failure the lease may have lapsed on this node's clock: stop leading duties then.
            await SyncDutiesAsync().ConfigureAwait(false);
        }
    }

    public async Task RunAsync(CancellationToken stopping)
    {
        var wait = _options.HeartbeatInterval;
        var backoff = new RetryBackoff();
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(wait, _time, stopping).ConfigureAwait(false);
                await BeatAsync(stopping).ConfigureAwait(false);
                wait = _options.HeartbeatInterval;
                backoff.Reset();
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested) { break; }
            catch (Exception ex)
            {
                // While the store is down, beat sooner than usual: the lease is renewed (or lost) as soon as it answers.
                if (_health.Failed(ex, "heartbeat"))
                {
                    var next = backoff.Next();
                    wait = next < _options.HeartbeatInterval ? next : _options.HeartbeatInterval;
                }
                else LogBeatFailed(ex, _options.NodeName);
            }
        }
    }

    /// <summary>Graceful stop: duties stopped, leadership given up, registry row removed.</summary>
    public async Task LeaveAsync(CancellationToken ct)
    {
        foreach (var d in _duties) await d.StopAsync().ConfigureAwait(false);
        try
        {
            if (!_options.SingleNode) await _elector.ReleaseAsync(ct).ConfigureAwait(false);
            await _registrar.LeaveAsync(ct).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException) { LogBeatFailed(ex, _options.NodeName); }
    }

    private async Task SyncDutiesAsync()
    {
        var lead = IsLeader && !_dutyToken.IsCancellationRequested;
        foreach (var d in _duties) await d.SyncAsync(lead, _dutyToken).ConfigureAwait(false);
    }

    [LoggerMessage(EventId = 4101, Level = LogLevel.Information, Message = "cluster: removed {Count} nodes that stopped heartbeating")]
    private partial void LogRemovedStale(int count);

    [LoggerMessage(EventId = 4102, Level = LogLevel.Error, Message = "cluster: heartbeat of node {Node} failed; retrying")]
    private partial void LogBeatFailed(Exception ex, string node);
}
