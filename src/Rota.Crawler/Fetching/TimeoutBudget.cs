namespace Rota.Crawler.Fetching;

/// <summary>The total-timeout clock of one fetch: it runs while we talk to servers and stops while we wait for the
/// host throttle, so a busy host's queue does not eat the request's time.</summary>
internal sealed class TimeoutBudget(TimeSpan total, CancellationTokenSource timeout, TimeProvider time)
{
    private TimeSpan _spent;
    private long? _runningSince;

    /// <summary>Stops the clock, runs <paramref name="wait"/>, then restarts it with what is left.</summary>
    public async Task<T> PausedAsync<T>(Func<ValueTask<T>> wait)
    {
        if (_runningSince is { } since) _spent += time.GetElapsedTime(since);
        _runningSince = null;
        timeout.CancelAfter(Timeout.InfiniteTimeSpan);
        var value = await wait().ConfigureAwait(false);
        var left = total - _spent;
        if (left <= TimeSpan.Zero) await timeout.CancelAsync().ConfigureAwait(false);
        else timeout.CancelAfter(left);
        _runningSince = time.GetTimestamp();
        return value;
    }
}
