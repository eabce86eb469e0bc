namespace Rota.Execution;

/// <summary>
/// Runs claimed before they are due (<see cref="RotaOptions.EarlyClaimWindow"/>), each waiting in its slot for its
/// <c>scheduled_at</c>. One timer per instant opens the gate of every run due then, so runs due together start
/// together; <see cref="ReleaseAll"/> closes every gate instead (graceful stop).
/// </summary>
internal sealed class HeldStarts<T>(TimeProvider time)
{
    private readonly Dictionary<DateTimeOffset, Instant> _instants = [];
    private static readonly TimeSpan MinRearm = TimeSpan.FromMilliseconds(1);

    public int Count
    {
        get { lock (_instants) return _instants.Values.Sum(i => i.Items.Count); }
    }

    /// <summary>Null when <paramref name="at"/> has come (start now); otherwise a gate that opens with true at
    /// <paramref name="at"/>, or with false when the item is released first.</summary>
    public Task<bool>? WaitUntil(DateTimeOffset at, T item)
    {
        lock (_instants)
        {
            var until = at - time.GetUtcNow();
            if (until <= TimeSpan.Zero) return null;
            if (!_instants.TryGetValue(at, out var instant))
            {
                instant = new Instant();
                _instants[at] = instant;
                instant.Timer = time.CreateTimer(_ => Open(at), null, until, Timeout.InfiniteTimeSpan);
            }
            instant.Items.Add(item);
            return instant.Gate.Task;
        }
    }

    /// <summary>Closes every gate not yet open and returns the items that were waiting behind them.</summary>
    public IReadOnlyList<T> ReleaseAll()
    {
        List<Instant> all;
        lock (_instants)
        {
            all = [.. _instants.Values];
            _instants.Clear();
        }
        foreach (var instant in all)
        {
            instant.Timer?.Dispose();
            instant.Gate.TrySetResult(false);
        }
        return [.. all.SelectMany(i => i.Items)];
    }

    private void Open(DateTimeOffset at)
    {
        Instant? instant;
        lock (_instants)
        {
            if (!_instants.TryGetValue(at, out instant)) return;
            // System timers count whole milliseconds of a monotonic clock: they may fire up to ~2 ms before the wall
            // clock reaches the instant. Never start early: wait out the rest (at least 1 ms, never a zero-time spin).
            var left = at - time.GetUtcNow();
            if (left > TimeSpan.Zero)
            {
                instant.Timer?.Change(left < MinRearm ? MinRearm : left, Timeout.InfiniteTimeSpan);
                return;
            }
            _instants.Remove(at);
        }
        instant.Timer?.Dispose();
        // Continuations run asynchronously: each waiting run starts on its own thread-pool item, not one after another.
        instant.Gate.TrySetResult(true);
    }

    private sealed class Instant
    {
        public TaskCompletionSource<bool> Gate { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public List<T> Items { get; } = [];
        public ITimer? Timer { get; set; }
    }
}
