using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Rota.Runs;
using Rota.Storage;

namespace Rota.Execution;

/// <summary>
/// Claims due runs for every queue, as many as the queue has free slots, and starts an executor for each.
/// Wakes on an in-process signal (a run was inserted or finished), at the next scheduled run, or on the poll interval.
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

    public WakeSignal Wake { get; } = new();

    /// <summary>Fired after a run's attempt was written, with the completion.</summary>
    public event Action<RunRecord, RunCompletion>? Finished;

    /// <summary>Awaited after a run's completion is durable, before <see cref="Finished"/> (follow-up writes such as
    /// waking a pipeline whose step finished).</summary>
    public Func<RunRecord, RunCompletion, Task>? AfterCompleted { get; set; }

    /// <summary>Fired when a claimed run starts executing on this node.</summary>
    public event Action<RunRecord>? Started;

    /// <summary>The run this node is executing, if any (for progress events).</summary>
    public RunRecord? FindActive(long runId) => _active.TryGetValue(runId, out var a) ? a.Run : null;

    public IReadOnlyCollection<long> ActiveRunIds => _active.Keys.ToList();

    public int ActiveCount => _active.Count;

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

    /// <summary>One pass: claims what fits in each queue and starts it. Returns the started executions.</summary>
    public async Task<IReadOnlyList<Task>> DispatchOnceAsync(CancellationToken ct)
    {
        string[] queues;
        // Higher-priority queues claim first: with a node-wide cap they take the slots when several queues have work.
        lock (_queues) queues = [.. _queues.OrderByDescending(options.PriorityOf).ThenBy(q => q, StringComparer.Ordinal)];
        var started = new List<Task>();
        var cut = false;
        var nodeFree = options.MaxConcurrency is { } max ? max - _runningPerQueue.Values.Sum() : int.MaxValue;
        foreach (var queue in queues)
        {
            var free = Math.Min(nodeFree, options.ConcurrencyOf(queue) - _runningPerQueue.GetValueOrDefault(queue));
            if (free <= 0) continue;
            var now = time.GetUtcNow();
            _lastClaimAt = now;
            var claimed = await store.RunClaimNext(new RunClaimNextParams(queue, options.NodeName, free, now, now + options.LeaseDuration, options.PriorityAgingInterval), ct).ConfigureAwait(false);
            foreach (var run in claimed) started.Add(Start(run));
            nodeFree -= claimed.Count;
            cut |= claimed.Count < free;
        }
        Volatile.Write(ref _claimCut, cut);
        return started;
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
                var started = claim ? await DispatchOnceAsync(stopping).ConfigureAwait(false) : [];
                if (claim) next = await store.RunNextScheduledAt(stopping).ConfigureAwait(false);
                health.Succeeded();
                backoff.Reset();
                wait = started.Count > 0 ? TimeSpan.Zero : WaitFor(next);
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
                    claim = next is { } due && due <= time.GetUtcNow();
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
        var until = n - time.GetUtcNow();
        if (until <= TimeSpan.Zero) return TimeSpan.FromMilliseconds(1);
        return until < poll ? until : poll;
    }

    private Task Start(RunRecord run)
    {
        _runningPerQueue.AddOrUpdate(run.Queue, 1, (_, n) => n + 1);
        var active = new ActiveRun(run, new CancellationTokenSource());
        _active[run.Id] = active;
        Started?.Invoke(run);
        active.Execution = Task.Run(() => ExecuteAsync(active));
        return active.Execution;
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
                : await executor.ExecuteAsync(run, task, active.Cancellation.Token, () => active.StopReason).ConfigureAwait(false);
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

    private void ReleaseSlot(ActiveRun active)
    {
        if (Interlocked.Exchange(ref active.SlotHeld, 0) == 0) return;
        _runningPerQueue.AddOrUpdate(active.Run.Queue, 0, (_, n) => n - 1);
        Wake.Set();
    }

    private sealed class ActiveRun(RunRecord run, CancellationTokenSource cancellation)
    {
        public RunRecord Run { get; } = run;
        public CancellationTokenSource Cancellation { get; } = cancellation;
        public volatile string? StopReason;
        public int SlotHeld = 1;
        public Task Execution { get; set; } = Task.CompletedTask;
    }

    [LoggerMessage(EventId = 2201, Level = LogLevel.Error, Message = "dispatcher: claiming runs failed; retrying after the poll interval")]
    private partial void LogDispatchFailed(Exception ex);

    [LoggerMessage(EventId = 2203, Level = LogLevel.Warning, Message = "dispatcher: the follow-up of run {RunId} failed (a waiting pipeline re-checks on its interval)")]
    private partial void LogFollowUpFailed(Exception ex, long runId);

    [LoggerMessage(EventId = 2202, Level = LogLevel.Error, Message = "dispatcher: the completion of run {RunId} could not be written; the rescuer will retry it")]
    private partial void LogCompletionLost(Exception ex, long runId);
}
