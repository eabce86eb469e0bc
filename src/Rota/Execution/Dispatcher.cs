using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Rota.Runs;
using Rota.Storage;

namespace Rota.Execution;

/// <summary>
/// Claims due runs for every queue, as many as the queue has free slots, and starts an executor for each. With
/// <see cref="RotaOptions.ClaimAheadFactor"/> it also claims ahead for queues of short runs: up to that many times the
/// queue's slots wait claimed in a local buffer and start as slots free, so one claim transaction serves many runs.
/// Wakes on an in-process signal (a run was inserted or finished), at the next scheduled run, or on the poll interval.
/// With <see cref="RotaOptions.EarlyClaimWindow"/> it wakes that much before the next scheduled run, claims as at its due
/// instant, and holds what it claimed in its slots until each run's <c>scheduled_at</c>.
/// </summary>
internal sealed partial class Dispatcher(
    IRotaStore store,
    RotaOptions options,
    TimeProvider time,
    RunExecutor executor,
    RunCompleter completer,
    TaskDefinitionCache tasks,
    StoreHealth health,
    PollCadence cadence,
    ILogger logger)
{
    private readonly ConcurrentDictionary<long, ActiveRun> _active = new();
    private readonly ConcurrentDictionary<string, int> _runningPerQueue = new(StringComparer.Ordinal);
    private bool _claimCut;
    private readonly HashSet<string> _queues = new(StringComparer.Ordinal) { "default" };
    private DateTimeOffset _lastClaimAt = DateTimeOffset.MinValue;
    // Claimed ahead, waiting for a slot (in claim order); guarded by its own lock.
    private readonly Dictionary<string, Queue<ActiveRun>> _buffered = new(StringComparer.Ordinal);
    // Mean handler time per queue (exponential average, ms): claim ahead only for queues of short runs.
    private readonly ConcurrentDictionary<string, double> _runMs = new(StringComparer.Ordinal);
    private bool _claimAttempted;
    // Claimed early and given a slot, waiting for their scheduled_at.
    private readonly HeldStarts<ActiveRun> _held = new(time);
    // A timer that wakes the loop for the early claim may fire a hair before the wall clock says so.
    private static readonly TimeSpan TimerSlack = TimeSpan.FromMilliseconds(2);

    public WakeSignal Wake { get; } = new();

    /// <summary>Fired after a run's attempt was written, with the completion.</summary>
    public event Action<RunRecord, RunCompletion>? Finished;

    /// <summary>Awaited after a run's completion is durable, before <see cref="Finished"/> (follow-up writes such as
    /// waking a pipeline whose step finished).</summary>
    public Func<RunRecord, RunCompletion, Task>? AfterCompleted { get; set; }

    /// <summary>Fired when a claimed run starts executing on this node.</summary>
    public event Action<RunRecord>? Started;

    /// <summary>True while <paramref name="runId"/> is this node's and its handler has not returned (executing, or
    /// claimed ahead and waiting): a stop request still matters to it.</summary>
    public bool IsWorking(long runId) => _active.TryGetValue(runId, out var a) && !a.HandlerReturned;

    /// <summary>The run this node is executing, if any (for progress events).</summary>
    public RunRecord? FindActive(long runId) => _active.TryGetValue(runId, out var a) ? a.Run : null;

    public IReadOnlyCollection<long> ActiveRunIds => _active.Keys.ToList();

    /// <summary>Runs executing on this node (not counting runs claimed ahead or early and waiting).</summary>
    public int ActiveCount => _active.Count - BufferedCount - HeldCount;

    /// <summary>Runs claimed early, in a slot, waiting for their scheduled instant.</summary>
    public int HeldCount => _held.Count;

    /// <summary>Runs claimed ahead and waiting for a local slot.</summary>
    public int BufferedCount
    {
        get { lock (_buffered) return _buffered.Values.Sum(b => b.Count); }
    }

    /// <summary>Completions became durable. When the last claim got fewer runs than it had slots for, a queue's
    /// cluster-wide limit may have held it back (it counts runs until their completions commit): claim again. When a
    /// run was put back for a retry, look again for the earliest waiting run (the idle poll may be minutes away).</summary>
    public void OnCompletionsWritten(bool putBack)
    {
        if (putBack || Volatile.Read(ref _claimCut)) Wake.Set();
    }

    public void AddQueue(string name)
    {
        lock (_queues) _queues.Add(name);
    }

    /// <summary>Signals a running run to stop; <paramref name="reason"/> becomes the cancelled run's reason.</summary>
    public bool RequestStop(long runId, string reason)
    {
        if (!_active.TryGetValue(runId, out var run)) return false;
        run.StopReason = reason;
        run.Cancellation.Cancel();
        return true;
    }

    /// <summary>Cancels every running attempt as a shutdown interruption (they are put back, not failed).</summary>
    public void InterruptAll()
    {
        foreach (var run in _active.Values) run.Cancellation.Cancel();
    }

    public async Task WaitIdleAsync(TimeSpan limit, TimeProvider clock, CancellationToken ct)
    {
        var all = _active.Values.Select(a => a.Execution).ToArray();
        if (all.Length == 0) return;
        await Task.WhenAny(Task.WhenAll(all), Task.Delay(limit, clock, ct)).ConfigureAwait(false);
    }

    /// <summary>One pass: starts buffered runs in free slots, then claims what fits in each queue (plus the buffer's
    /// refill) as at <paramref name="claimAt"/> (now, or the due instant of an early claim) and starts it. Runs not due
    /// yet keep their slot until their instant. Returns the executions started now.</summary>
    public async Task<IReadOnlyList<Task>> DispatchOnceAsync(DateTimeOffset claimAt, CancellationToken ct)
    {
        string[] queues;
        // Higher-priority queues claim first: with a node-wide cap they take the slots when several queues have work.
        lock (_queues) queues = [.. _queues.OrderByDescending(options.PriorityOf).ThenBy(q => q, StringComparer.Ordinal)];
        var started = new List<Task>();
        var cut = false;
        var attempted = false;
        var nodeFree = options.MaxConcurrency is { } max ? max - _runningPerQueue.Values.Sum() : int.MaxValue;
        foreach (var queue in queues)
        {
            var slots = options.ConcurrencyOf(queue);
            var free = Math.Min(nodeFree, slots - _runningPerQueue.GetValueOrDefault(queue));
            while (free > 0 && TakeBuffered(queue) is { } waiting)
            {
                AddStarted(started, Begin(waiting));
                free--;
                nodeFree--;
            }
            var ahead = AheadRoom(queue, slots);
            if (free <= 0 && ahead == 0) continue;
            free = Math.Max(0, free);
            var wall = time.GetUtcNow();
            var now = claimAt > wall ? claimAt : wall;
            _lastClaimAt = now;
            attempted = true;
            var claimed = await store.RunClaimNext(new RunClaimNextParams(queue, options.NodeName, free, now, now + options.LeaseDuration,
                options.PriorityAgingInterval, ahead), ct).ConfigureAwait(false);
            // The claim answers in claim order: the first fill the free slots, the rest wait in the buffer.
            for (var i = 0; i < claimed.Count; i++)
            {
                if (i < free) AddStarted(started, Begin(Track(claimed[i])));
                else Hold(Track(claimed[i]));
            }
            nodeFree -= Math.Min(free, claimed.Count);
            cut |= claimed.Count < free;
        }
        Volatile.Write(ref _claimCut, cut);
        Volatile.Write(ref _claimAttempted, attempted);
        return started;
    }

    private static void AddStarted(List<Task> started, Task? execution)
    {
        if (execution is not null) started.Add(execution);
    }

    public async Task RunAsync(CancellationToken stopping)
    {
        var claim = true;
        DateTimeOffset? next = null;
        var backoff = new RetryBackoff();
        while (!stopping.IsCancellationRequested)
        {
            TimeSpan wait;
            try
            {
                // Early claim for the next known due instant, whatever woke us: a pass woken by a signal inside the window
                // would otherwise claim nothing (nothing is due yet) and leave the early claim one more round trip later.
                var started = claim ? await DispatchOnceAsync(ClaimInstant(next), stopping).ConfigureAwait(false) : [];
                // Runs started: look again at once, no need to know the next due time. Nothing claimed because every
                // slot is busy (and the buffer full enough): a finishing run wakes us, the poll covers the rest.
                var attempted = claim && Volatile.Read(ref _claimAttempted);
                if (attempted && started.Count == 0) next = await store.RunNextScheduledAt(stopping).ConfigureAwait(false);
                health.Succeeded();
                backoff.Reset();
                wait = started.Count > 0 ? TimeSpan.Zero : attempted || !claim ? WaitFor(next) : options.PollInterval;
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested) { break; }
            catch (Exception ex)
            {
                if (!await BackOffAsync(ex, backoff, stopping).ConfigureAwait(false)) break;
                claim = true;
                continue;
            }
            claim = true;
            if (wait <= TimeSpan.Zero) continue;
            try
            {
                // Woken by a signal: something changed, claim (after one yield, so runs finishing together free their
                // slots for one claim). Woken by the timer: claiming is a write transaction, so an idle node first reads
                // whether anything is due; this read is the poll that covers other processes.
                if (await Wake.WaitAsync(wait, time, stopping).ConfigureAwait(false))
                {
                    if (!_active.IsEmpty) await Task.Yield();
                }
                else
                {
                    next = await store.RunNextScheduledAt(stopping).ConfigureAwait(false);
                    claim = next is { } due && due <= ClaimInstant(next);
                }
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested) { break; }
            catch (Exception ex)
            {
                if (!await BackOffAsync(ex, backoff, stopping).ConfigureAwait(false)) break;
            }
        }
    }

    /// <summary>After a failed pass: while the store is down, no claims until the backoff has passed (wake-ups are
    /// ignored; the next claim is the probe); any other error waits for the poll interval. False when stopping.</summary>
    private async Task<bool> BackOffAsync(Exception ex, RetryBackoff backoff, CancellationToken stopping)
    {
        TimeSpan wait;
        if (health.Failed(ex, "dispatcher")) wait = backoff.Next();
        else
        {
            LogDispatchFailed(ex);
            wait = options.PollInterval;
        }
        try { await Task.Delay(wait, time, stopping).ConfigureAwait(false); }
        catch (OperationCanceledException) { return false; }
        return true;
    }

    private TimeSpan WaitFor(DateTimeOffset? next)
    {
        // A run that was due at the last claim but not claimed waits for a slot: a finish signals us, the (short) poll
        // covers slots freed by other processes, which are not announced. One that became due only after that claim
        // (timers may fire a hair before the wall clock reaches the instant) is claimed at once.
        var poll = cadence.Current;
        if (next is not { } n) return poll;
        if (n <= _lastClaimAt) return options.PollInterval;
        // Early claim: wake the window before the instant (ClaimInstant then claims as at the instant).
        var until = n - EarlyClaimWindow - time.GetUtcNow();
        if (until <= TimeSpan.Zero) return TimeSpan.FromMilliseconds(1);
        return until < poll ? until : poll;
    }

    /// <summary>A claimed run becomes this node's (its lease is renewed from now on), whether it starts or waits.</summary>
    private ActiveRun Track(RunRecord run)
    {
        var active = new ActiveRun(run, new CancellationTokenSource());
        _active[run.Id] = active;
        return active;
    }

    private Task? Begin(ActiveRun active)
    {
        _runningPerQueue.AddOrUpdate(active.Run.Queue, 1, (_, n) => n + 1);
        return BeginInSlot(active);
    }

    /// <summary>Starts <paramref name="active"/> in a slot already counted for its queue: now when it is due (returns
    /// its execution), else at its scheduled_at, holding the slot meanwhile (returns null).</summary>
    private Task? BeginInSlot(ActiveRun active)
    {
        active.SlotHeld = 1;
        if (_held.WaitUntil(active.Run.ScheduledAt, active) is { } due)
        {
            active.Execution = StartWhenDueAsync(active, due);
            return null;
        }
        Started?.Invoke(active.Run);
        active.Execution = Task.Run(() => ExecuteAsync(active));
        return active.Execution;
    }

    private async Task StartWhenDueAsync(ActiveRun active, Task<bool> due)
    {
        // False: released on shutdown before its instant (ReleaseBuffered put it back).
        if (!await due.ConfigureAwait(false)) return;
        Started?.Invoke(active.Run);
        await ExecuteAsync(active).ConfigureAwait(false);
    }

    private async Task ExecuteAsync(ActiveRun active)
    {
        var run = active.Run;
        RunCompletion completion;
        try
        {
            var task = await tasks.GetAsync(run.TaskId, run.TaskVersion, CancellationToken.None).ConfigureAwait(false);
            completion = task is null
                ? new RunCompletion
                {
                    RunId = run.Id, Attempt = run.Attempt, Status = RunStatus.Failed, EndedAt = time.GetUtcNow(),
                    Error = new RunError("task.not_found", $"task: task {run.TaskId} of run {run.Id} no longer exists", IsTransient: false),
                }
                : await Timed(() => executor.ExecuteAsync(run, task, active.Cancellation.Token, () => active.StopReason), run.Queue).ConfigureAwait(false);
            active.HandlerReturned = true;
            // The slot is free once the handler returns: the next run can be claimed while this completion waits
            // for its batch to commit (the run keeps its lease, and stays heartbeated, until then).
            // While the store is down the completion waits in memory (retried with backoff) and the run stays active, so
            // its lease is renewed again as soon as the store answers.
            ReleaseSlot(active);
            await completer.CompleteAsync(completion).ConfigureAwait(false);
            if (AfterCompleted is { } follow)
            {
                try { await follow(run, completion).ConfigureAwait(false); }
                catch (Exception ex) { LogFollowUpFailed(ex, run.Id); }
            }
        }
        catch (Exception ex)
        {
            LogCompletionLost(ex, run.Id);
            completion = new RunCompletion { RunId = run.Id, Attempt = run.Attempt, Status = RunStatus.Failed, EndedAt = time.GetUtcNow() };
        }
        finally
        {
            ReleaseSlot(active);
            _active.TryRemove(run.Id, out _);
            active.Cancellation.Dispose();
        }
        Finished?.Invoke(run, completion);
    }

    /// <summary>Runs <paramref name="execute"/> and folds its time into the queue's mean run time.</summary>
    private async Task<RunCompletion> Timed(Func<Task<RunCompletion>> execute, string queue)
    {
        var began = System.Diagnostics.Stopwatch.GetTimestamp();
        var completion = await execute().ConfigureAwait(false);
        var ms = System.Diagnostics.Stopwatch.GetElapsedTime(began).TotalMilliseconds;
        _runMs.AddOrUpdate(queue, ms, (_, mean) => mean * 0.8 + ms * 0.2);
        return completion;
    }

    private void ReleaseSlot(ActiveRun active)
    {
        if (Interlocked.Exchange(ref active.SlotHeld, 0) == 0) return;
        // The slot goes straight to the next run claimed ahead, without waiting for the dispatcher (which may be in the
        // middle of a claim): the buffer keeps slots busy while it is refilled. The wake lets the dispatcher refill.
        if (TakeBuffered(active.Run.Queue) is { } next) BeginInSlot(next);
        else _runningPerQueue.AddOrUpdate(active.Run.Queue, 0, (_, n) => n - 1);
        Wake.Set();
    }

    private sealed class ActiveRun(RunRecord run, CancellationTokenSource cancellation)
    {
        public RunRecord Run { get; } = run;
        public CancellationTokenSource Cancellation { get; } = cancellation;
        public volatile string? StopReason;
        public volatile bool HandlerReturned;
        public int SlotHeld;
        public Task Execution { get; set; } = Task.CompletedTask;
    }

    [LoggerMessage(EventId = 2201, Level = LogLevel.Error, Message = "dispatcher: claiming runs failed; retrying after the poll interval")]
    private partial void LogDispatchFailed(Exception ex);

    [LoggerMessage(EventId = 2203, Level = LogLevel.Warning, Message = "dispatcher: the follow-up of run {RunId} failed (a waiting pipeline re-checks on its interval)")]
    private partial void LogFollowUpFailed(Exception ex, long runId);

    [LoggerMessage(EventId = 2204, Level = LogLevel.Warning, Message = "dispatcher: run {RunId}, claimed ahead, could not be put back on shutdown; the rescuer will put it back when its lease expires")]
    private partial void LogReleaseFailed(Exception ex, long runId);

    [LoggerMessage(EventId = 2202, Level = LogLevel.Error, Message = "dispatcher: the completion of run {RunId} could not be written; the rescuer will retry it")]
    private partial void LogCompletionLost(Exception ex, long runId);
}
