namespace Rota.Execution;

/// <summary>
/// Runs claimed before they are due (<see cref="RotaOptions.EarlyClaimWindow"/>), each waiting in its slot for its
/// <c>scheduled_at</c>. One timer per instant opens the gate of every run due then, so runs due together start
/// together; <see cref="ReleaseAll"/> closes every gate instead (graceful stop).
/// </summary>
internal sealed class HeldStarts<T>(TimeProvider time)
{
    private readonly Dictionary<DateTimeOffset, Instant> _instants = [];

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
            if (!_instants.Remove(at, out instant)) return;
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
