namespace Rota.Cluster;

/// <summary>A background loop that runs only while this node leads: started when leadership is gained,
/// cancelled (and awaited) when it is lost or the engine stops.</summary>
internal sealed class LeaderDuty(Func<CancellationToken, Task> loop)
{
    private readonly object _gate = new();
    private CancellationTokenSource? _cts;
    private Task _running = Task.CompletedTask;

    public bool IsRunning { get { lock (_gate) return _cts is not null; } }

    /// <summary>Starts the loop when <paramref name="lead"/> and it is not running; stops it when not.</summary>
    public Task SyncAsync(bool lead, CancellationToken stopping)
    {
        lock (_gate)
        {
            if (lead && _cts is null && !stopping.IsCancellationRequested)
            {
                _cts = CancellationTokenSource.CreateLinkedTokenSource(stopping);
                var token = _cts.Token;
                _running = Task.Run(() => loop(token), CancellationToken.None);
                return Task.CompletedTask;
            }
        }
        return lead ? Task.CompletedTask : StopAsync();
    }

    public async Task StopAsync()
    {
        CancellationTokenSource? cts;
        Task running;
        lock (_gate)
        {
            cts = _cts;
            running = _running;
            _cts = null;
        }
        if (cts is null) return;
        await cts.CancelAsync().ConfigureAwait(false);
        try { await running.ConfigureAwait(false); }
        catch (OperationCanceledException) { }
        cts.Dispose();
    }
}
