using System.Collections.Concurrent;
using System.Diagnostics;

namespace Rota.Server.Endpoints;

/// <summary>
/// Store-wide aggregates behind statistics and charts (all-time counts per task, 7-day durations, hourly counts) are
/// read fresh while that is quick. Once a read takes longer than <see cref="SlowRead"/> (a history of about a million
/// runs), a page is answered from the last result while one background read refreshes it when it is older than
/// <see cref="MaxAge"/> — so the overview of a large history renders in milliseconds, its figures a few seconds behind
/// while someone is looking (run events arrive live over SSE). A result older than <see cref="MaxStale"/> (nobody
/// looked for a while) is read again before answering. One per host.
/// </summary>
public sealed class SlowReadCache(TimeProvider time)
{
    public static readonly TimeSpan SlowRead = TimeSpan.FromMilliseconds(400);
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(10);
    public static readonly TimeSpan MaxStale = TimeSpan.FromMinutes(2);

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    private sealed class Entry
    {
        public object? Value;
        public DateTimeOffset ReadAt;
        public TimeSpan Took;
        public Task? Refreshing;
    }

    public async Task<T> GetAsync<T>(string key, Func<CancellationToken, Task<T>> read, CancellationToken ct)
    {
        var entry = _entries.GetOrAdd(key, _ => new Entry());
        object? value;
        DateTimeOffset readAt;
        TimeSpan took;
        lock (entry) (value, readAt, took) = (entry.Value, entry.ReadAt, entry.Took);
        if (value is not T last || took < SlowRead) return await ReadAsync(entry, read, ct);
        var age = time.GetUtcNow() - readAt;
        if (age > MaxStale) return await ReadAsync(entry, read, ct);
        if (age > MaxAge)
            lock (entry) entry.Refreshing ??= Task.Run(() => RefreshAsync(entry, read));
        return last;
    }

    private async Task<T> ReadAsync<T>(Entry entry, Func<CancellationToken, Task<T>> read, CancellationToken ct)
    {
        var at = time.GetUtcNow();
        var sw = Stopwatch.StartNew();
        var value = await read(ct);
        lock (entry) (entry.Value, entry.ReadAt, entry.Took) = (value, at, sw.Elapsed);
        return value;
    }

    private async Task RefreshAsync<T>(Entry entry, Func<CancellationToken, Task<T>> read)
    {
        try { await ReadAsync(entry, read, CancellationToken.None); }
        catch (Exception) { /* the store is down or busy: the next request past MaxAge tries again */ }
        finally { lock (entry) entry.Refreshing = null; }
    }
}
