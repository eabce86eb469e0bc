using System.Collections.Concurrent;

namespace Rota.Crawler.Fetching;

/// <summary>
/// Politeness per host: at most <c>maxConcurrent</c> requests in flight and request starts at least
/// <c>minInterval</c> apart, so many feeds on one host (Reddit, GitHub, a blog platform) are not fetched in a burst
/// that earns a 429 or an IP block. Share one instance between every fetcher of the process. Hosts are compared
/// case-insensitively; time comes from the injected <see cref="TimeProvider"/>.
/// </summary>
public sealed class HostThrottle
{
    private readonly int _maxConcurrent;
    private readonly TimeSpan _minInterval;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<string, HostState> _hosts = new(StringComparer.OrdinalIgnoreCase);

    public HostThrottle(int maxConcurrent, TimeSpan minInterval, TimeProvider time)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxConcurrent, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(minInterval, TimeSpan.Zero);
        _maxConcurrent = maxConcurrent;
        _minInterval = minInterval;
        _time = time;
    }

    public HostThrottle(FetchOptions options, TimeProvider time) : this(options.MaxConcurrentPerHost, options.MinIntervalPerHost, time) { }

    /// <summary>Waits for a slot for <paramref name="host"/> and for its next start time; dispose the lease when the
    /// request is over. Cancelling while waiting gives the slot back and throws <see cref="OperationCanceledException"/>.</summary>
    public async ValueTask<IDisposable> AcquireAsync(string host, CancellationToken ct)
    {
        var state = _hosts.GetOrAdd(host, _ => new HostState(_maxConcurrent));
        await state.Slots.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            var wait = state.Reserve(_time.GetUtcNow(), _minInterval);
            if (wait > TimeSpan.Zero) await Task.Delay(wait, _time, ct).ConfigureAwait(false);
            return new Lease(state.Slots);
        }
        catch
        {
            state.Slots.Release();
            throw;
        }
    }

    /// <summary>Requests to <paramref name="host"/> currently holding a slot (for tests and diagnostics).</summary>
    public int InFlight(string host) => _hosts.TryGetValue(host, out var s) ? _maxConcurrent - s.Slots.CurrentCount : 0;

    private sealed class HostState(int maxConcurrent)
    {
        private readonly Lock _gate = new();
        private DateTimeOffset _nextStart = DateTimeOffset.MinValue;

        public SemaphoreSlim Slots { get; } = new(maxConcurrent, maxConcurrent);

        /// <summary>Books the next start time and returns how long to wait for it. Booking before waiting keeps
        /// concurrent waiters in order instead of all waking at the same instant.</summary>
        public TimeSpan Reserve(DateTimeOffset now, TimeSpan interval)
        {
            lock (_gate)
            {
                var start = now > _nextStart ? now : _nextStart;
                _nextStart = start + interval;
                return start - now;
            }
        }
    }

    private sealed class Lease(SemaphoreSlim slots) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0) slots.Release();
        }
    }
}
