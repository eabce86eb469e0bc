using Rota.Runs;
using Rota.Storage;

namespace Rota.Execution;

/// <summary>The dispatcher's waiting rooms: runs claimed ahead into the local buffer (claim ahead), runs claimed before
/// their instant and held until it (early claim), and putting both back on shutdown.</summary>
internal sealed partial class Dispatcher
{
    /// <summary>The instant a pass woken by the timer claims for: <paramref name="next"/> when it is due within the
    /// early-claim window (and the store answers: no early claims during an outage), else now.</summary>
    public DateTimeOffset ClaimInstant(DateTimeOffset? next)
    {
        var now = time.GetUtcNow();
        var window = EarlyClaimWindow;
        return window > TimeSpan.Zero && next is { } n && n > now && n - now <= window + TimerSlack ? n : now;
    }

    private TimeSpan EarlyClaimWindow => health.IsDown ? TimeSpan.Zero : options.EarlyClaimWindow;

    /// <summary>How many runs to claim ahead for <paramref name="queue"/> now: none when off, for queues of long (or
    /// not yet measured) runs, or while the buffer is more than half full (it is refilled in one claim, not a run at a
    /// time); otherwise up to its capacity.</summary>
    private int AheadRoom(string queue, int slots)
    {
        if (options.ClaimAheadFactor <= 0) return 0;
        if (!_runMs.TryGetValue(queue, out var ms) || ms >= options.ClaimAheadMaxRunTime.TotalMilliseconds) return 0;
        var capacity = AheadCapacity(options.ClaimAheadFactor, slots, ms, options.ClaimAheadMaxRunTime);
        int held;
        lock (_buffered) held = _buffered.TryGetValue(queue, out var b) ? b.Count : 0;
        return held * 2 > capacity ? 0 : capacity - held;
    }

    /// <summary>The buffer's size: <paramref name="factor"/> × the slots, but never more than
    /// <paramref name="maxRunTime"/> of work per slot at the queue's mean run time — a buffer of 1 ms runs may be deep,
    /// one of 50 ms runs stays shallow, so idle nodes are never kept waiting long behind it.</summary>
    internal static int AheadCapacity(int factor, int slots, double meanRunMs, TimeSpan maxRunTime)
    {
        var byWork = slots * (maxRunTime.TotalMilliseconds / Math.Max(meanRunMs, 0.001));
        return (int)Math.Min(factor * (long)slots, Math.Max(slots, Math.Floor(byWork)));
    }

    private ActiveRun? TakeBuffered(string queue)
    {
        lock (_buffered) return _buffered.TryGetValue(queue, out var b) && b.TryDequeue(out var run) ? run : null;
    }

    private void Hold(ActiveRun run)
    {
        lock (_buffered)
        {
            if (!_buffered.TryGetValue(run.Run.Queue, out var b)) _buffered[run.Run.Queue] = b = new Queue<ActiveRun>();
            b.Enqueue(run);
        }
    }

    /// <summary>On shutdown, after the last claim: puts every run claimed ahead, and every run claimed early and not yet
    /// started, back as it was (a snooze to its scheduled_at, so its attempt is not spent) through the completer, which
    /// writes them with its last batch.</summary>
    public void ReleaseBuffered()
    {
        List<ActiveRun> buffered;
        lock (_buffered)
        {
            buffered = [.. _buffered.Values.SelectMany(b => b)];
            _buffered.Clear();
        }
        foreach (var a in buffered) PutBack(a, "claimed ahead, released on shutdown");
        // After the buffer is empty, so the slots these free are not handed to a buffered run.
        foreach (var a in _held.ReleaseAll())
        {
            if (Interlocked.Exchange(ref a.SlotHeld, 0) == 1) _runningPerQueue.AddOrUpdate(a.Run.Queue, 0, (_, n) => n - 1);
            PutBack(a, "claimed early, released on shutdown");
        }
    }

    private void PutBack(ActiveRun a, string reason)
    {
        _active.TryRemove(a.Run.Id, out _);
        a.Cancellation.Dispose();
        var release = completer.CompleteAsync(new RunCompletion
        {
            RunId = a.Run.Id, Attempt = a.Run.Attempt, Status = RunStatus.Scheduled, EndedAt = time.GetUtcNow(), NextScheduledAt = a.Run.ScheduledAt,
            IsSnooze = true, Reason = reason,
        });
        _ = release.ContinueWith(t => LogReleaseFailed(t.Exception!, a.Run.Id), CancellationToken.None,
            TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }
}
