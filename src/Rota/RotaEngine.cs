using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Rota.Cluster;
using Rota.Execution;
using Rota.Maintenance;
using Rota.Runs;
using Rota.Scheduling;
using Rota.Storage;

namespace Rota;

/// <summary>
/// One Rota node: the scheduler, dispatcher, executors, completer, lease keeper, rescuer and pruner over one store.
/// Hosted as an <see cref="IHostedService"/>; tests drive it step by step with <see cref="TickAsync"/>.
/// </summary>
public sealed partial class RotaEngine : IHostedService, IAsyncDisposable
{
    private readonly IRotaStore _store;
    private readonly RotaOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ILoggerFactory _loggers;
    private readonly Scheduler _scheduler;
    private readonly Dispatcher _dispatcher;
    private readonly RunCompleter _completer;
    private readonly Rescuer _rescuer;
    private readonly Pruner _pruner;
    private readonly ClusterMember _member;
    private readonly StoreHealth _health;
    private readonly CompiledScheduleCache _schedules = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly List<Task> _loops = [];
    private Task? _completerLoop;
    private readonly Pipelines.PipelineHandler _pipelines;
    private readonly DependencyTrigger _dependencies;

    public RotaEngine(IRotaStore store, RotaOptions options, TimeProvider time, IServiceProvider services, ILoggerFactory loggers)
    {
        var violations = options.Validate();
        if (violations.Count > 0)
            throw new RotaException("options.invalid", "options: " + string.Join("; ", violations));
        _store = store;
        _options = options;
        _time = time;
        _logger = loggers.CreateLogger("Rota.Engine");
        _loggers = loggers;
        RegisterBuiltIns(options);
        _pipelines = new Pipelines.PipelineHandler(store, time, () => _dispatcher?.Wake.Set(), options.PipelineCheckInterval);
        options.AddHandler(Pipelines.PipelineTasks.Handler, ctx => _pipelines.ExecuteAsync(ctx));
        _dependencies = new DependencyTrigger(store, time, () => _dispatcher?.Wake.Set());
        _health = new StoreHealth(time, loggers.CreateLogger("Rota.Store"));
        _completer = new RunCompleter(store, options, _health, loggers.CreateLogger("Rota.Completer"));
        var executor = new RunExecutor(options.Handlers, services, time, _completer, loggers.CreateLogger("Rota.Executor"));
        var cadence = new PollCadence(options, store);
        _dispatcher = new Dispatcher(store, options, time, executor, _completer, new TaskDefinitionCache(store), _health, cadence, loggers.CreateLogger("Rota.Dispatcher"));
        _scheduler = new Scheduler(store, options, time, _schedules, _health, loggers.CreateLogger("Rota.Scheduler")) { Cadence = cadence };
        _member = new ClusterMember(store, options, time, () => _dispatcher.ActiveCount, _health, loggers.CreateLogger("Rota.Cluster"));
        // Fencing: leader-only writes re-check the leadership (on this node's clock) or carry its term.
        _scheduler.MayFire = () => _member.IsLeader;
        _rescuer = new Rescuer(store, options, time, () => _member.FencingTerm, loggers.CreateLogger("Rota.Rescuer"));
        _pruner = new Pruner(store, time, () => _member.IsLeader, loggers.CreateLogger("Rota.Pruner"));
        if (options.SchedulerEnabled) _member.AddDuty(_scheduler.RunAsync);
        _scheduler.RunsInserted += _ => _dispatcher.Wake.Set();
        _completer.BatchWritten += _dispatcher.OnCompletionsWritten;
        _scheduler.CancelRequested += (ids, reason) => _ = CancelForOverlapAsync(ids, reason);
        _dispatcher.Finished += OnRunFinished;
        _dispatcher.AfterCompleted = AfterCompletedAsync;
        _dispatcher.Started += run => RunChanged?.Invoke(new RunEvent(RunEventKind.Started, run.Id, run.TaskId, run.TaskName, RunStatus.Running,
            run.Attempt, run.Progress, run.ProgressText, _time.GetUtcNow(), Lateness: run.NominalTime is { } n ? _time.GetUtcNow() - n : null));
        _completer.Progressed += (id, percent, text) =>
        {
            if (RunChanged is { } handler && _dispatcher.FindActive(id) is { } run)
                handler(new RunEvent(RunEventKind.Progress, id, run.TaskId, run.TaskName, RunStatus.Running, run.Attempt, percent, text, _time.GetUtcNow()));
        };
        Client = new RotaClient(store, time, new EngineSignals(_dispatcher.Wake.Set, () => { _dependencies.Invalidate(); _scheduler.Wake.Set(); }, (id, reason) => _dispatcher.RequestStop(id, reason)));
        _completerLoop = Task.Run(() => _completer.RunAsync(_stopping.Token));
    }

    /// <summary>Runs this engine starts, reports progress of and finishes (local runs only: other nodes raise their own).</summary>
    public event Action<RunEvent>? RunChanged;

    /// <summary>Operations on this engine's store that wake the engine at once.</summary>
    public RotaClient Client { get; }

    public IRotaStore Store => _store;

    /// <summary>This node's name.</summary>
    public string NodeName => _options.NodeName;

    internal RotaOptions Options => _options;

    internal StoreHealth Health => _health;

    /// <summary>Runs this node claimed early and holds until their instant.</summary>
    internal int HeldRunCount => _dispatcher.HeldCount;

    /// <summary>When the scheduler's firing loop last completed a pass on this node (null: never, or not leading).</summary>
    internal DateTimeOffset? SchedulerLastPassAt => _scheduler.LastPassAt;

    /// <summary>Handler kinds this engine can run.</summary>
    public IReadOnlyCollection<string> HandlerKinds => _options.Handlers.Kinds;

    /// <summary>Registers the node and holds the first election; the leader rescues orphaned runs; then starts
    /// the background loops (the scheduler's only while this node leads).</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await _member.JoinAsync(cancellationToken).ConfigureAwait(false);
        if (_member.IsLeader) await _rescuer.RescueAsync(startup: true, cancellationToken).ConfigureAwait(false);
        foreach (var q in await _store.QueueList(cancellationToken).ConfigureAwait(false)) _dispatcher.AddQueue(q.Name);
        var token = _stopping.Token;
        await _member.StartDutiesAsync(token).ConfigureAwait(false);
        _loops.Add(Task.Run(() => _member.RunAsync(token)));
        if (_options.ExecutorEnabled)
        {
            _loops.Add(Task.Run(() => _dispatcher.RunAsync(token)));
            _loops.Add(Task.Run(() => HeartbeatLoopAsync(token)));
        }
        _loops.Add(Task.Run(() => _completer.RunProgressAsync(_time, token)));
        _loops.Add(Task.Run(() => MaintenanceLoopAsync(token)));
        if (_store is IStoreNotifier { NotificationsEnabled: true } notifier)
            _loops.Add(Task.Run(() => notifier.ListenAsync(OnStoreChanged, _loggers.CreateLogger("Rota.Notifier"), token)));
        LogStarted(_options.NodeName, _store.Dialect, _options.SchedulerEnabled);
    }

    /// <summary>Graceful stop: no new claims, running work gets <see cref="RotaOptions.ShutdownGrace"/> to finish,
    /// then is interrupted and put back; completions are flushed.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_stopping.IsCancellationRequested) return;
        await _stopping.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(_loops).ConfigureAwait(false);
        _dispatcher.ReleaseBuffered();
        await _dispatcher.WaitIdleAsync(_options.ShutdownGrace, _time, cancellationToken).ConfigureAwait(false);
        _dispatcher.InterruptAll();
        // A safety bound in real time: handlers that ignore cancellation must not hang shutdown forever.
        await _dispatcher.WaitIdleAsync(TimeSpan.FromSeconds(5), TimeProvider.System, CancellationToken.None).ConfigureAwait(false);
        _completer.Complete();
        if (_completerLoop is not null) await _completerLoop.ConfigureAwait(false);
        await _completer.FlushProgressAsync().ConfigureAwait(false);
        await _member.LeaveAsync(cancellationToken).ConfigureAwait(false);
        LogStopped(_options.NodeName);
    }

    /// <summary>For tests: fires what is due at the current (fake) time and starts every claimable run; with
    /// <see cref="RotaOptions.EarlyClaimWindow"/>, also claims the runs due within the window, as the dispatcher's timer
    /// would, and holds them until their instant. Returns the executions started now (await them).</summary>
    public async Task<IReadOnlyList<Task>> TickAsync(CancellationToken ct = default)
    {
        foreach (var q in await _store.QueueList(ct).ConfigureAwait(false)) _dispatcher.AddQueue(q.Name);
        if (_options.SchedulerEnabled && _member.IsLeader) await _scheduler.FireDueAsync(ct).ConfigureAwait(false);
        var next = _options.EarlyClaimWindow > TimeSpan.Zero ? await _store.RunNextScheduledAt(ct).ConfigureAwait(false) : null;
        return await _dispatcher.DispatchOnceAsync(_dispatcher.ClaimInstant(next), ct).ConfigureAwait(false);
    }

    /// <summary>For tests: ticks and waits for every started run to be written, repeating while runs become due.</summary>
    public async Task RunDueAsync(CancellationToken ct = default)
    {
        for (var i = 0; i < 100; i++)
        {
            var started = await TickAsync(ct).ConfigureAwait(false);
            if (started.Count == 0) return;
            await Task.WhenAll(started).ConfigureAwait(false);
        }
    }

    /// <summary>True while this node runs the maintenance services (scheduler, rescuer, pruner): always with
    /// <see cref="RotaOptions.SingleNode"/>, otherwise while it holds the leadership lease.</summary>
    public bool IsLeader => _member.IsLeader;

    /// <summary>One cluster heartbeat now (the background loop does this every <see cref="RotaOptions.HeartbeatInterval"/>):
    /// renews the node's registry row and seeks or renews the leadership.</summary>
    public Task ClusterHeartbeatAsync(CancellationToken ct = default) => _member.BeatAsync(ct);

    /// <summary>Writes buffered progress updates now (the background loop does this every 250 ms).</summary>
    public Task FlushProgressAsync() => _completer.FlushProgressAsync();

    /// <summary>Runs the rescuer once (also done at start and on every maintenance pass).</summary>
    public Task<IReadOnlyList<RunRescueResult>> RescueAsync(CancellationToken ct = default) => _rescuer.RescueAsync(startup: false, ct);

    /// <summary>Prunes history beyond retention now.</summary>
    public Task<int> PruneAsync(CancellationToken ct = default) => _pruner.PruneAsync(ct);

    /// <summary>Renews leases of running runs and stops those whose cancellation was requested elsewhere.</summary>
    public async Task HeartbeatAsync(CancellationToken ct = default)
    {
        var ids = _dispatcher.ActiveRunIds;
        if (ids.Count == 0) return;
        var stop = await _store.RunHeartbeatMany(new RunHeartbeatParams(ids.ToList(), _time.GetUtcNow() + _options.LeaseDuration), ct).ConfigureAwait(false);
        foreach (var id in stop)
        {
            // A run whose handler returned is only waiting for its completion batch (which the store may already show).
            if (!_dispatcher.IsWorking(id)) continue;
            var run = await _store.RunGet(id, ct).ConfigureAwait(false);
            _dispatcher.RequestStop(id, run?.Reason ?? "cancelled by request");
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(CancellationToken.None).ConfigureAwait(false);
        _stopping.Dispose();
    }

    private async Task HeartbeatLoopAsync(CancellationToken stopping)
    {
        // Cancellation requests from other processes must be noticed quickly, leases need renewing less often. While the
        // store is down this keeps trying every interval: held runs' leases are renewed as soon as it answers.
        var interval = TimeSpan.FromTicks(Math.Min(_options.HeartbeatInterval.Ticks, TimeSpan.FromSeconds(1).Ticks));
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(interval, _time, stopping).ConfigureAwait(false);
                await HeartbeatAsync(stopping).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested) { break; }
            catch (Exception ex) when (_health.Failed(ex, "run heartbeat")) { }
            catch (Exception ex) { LogLoopFailed(ex, "heartbeat"); }
        }
    }

    private async Task MaintenanceLoopAsync(CancellationToken stopping)
    {
        var lastPrune = DateTimeOffset.MinValue;
        var backoff = new RetryBackoff();
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                if (!_member.IsLeader) { await Task.Delay(_options.HeartbeatInterval, _time, stopping).ConfigureAwait(false); continue; }
                // In a cluster the heartbeat reports whether anything is due, so an idle leader sends no statement here
                // (and, having asked the store nothing, tells the store health nothing either).
                var now = _time.GetUtcNow();
                var hint = _options.SingleNode ? null : _member.LastBeat;
                var asked = false;
                if (hint is null || hint.NextResumeAt <= now)
                {
                    await ResumeDueTasksAsync(stopping).ConfigureAwait(false);
                    asked = true;
                }
                if (hint is null || hint.OldestRunningLease < now || hint.RemovedStale > 0)
                {
                    // Rescued runs are put back; other nodes hear of them by NOTIFY, this one by its own wake.
                    if ((await _rescuer.RescueAsync(startup: false, stopping).ConfigureAwait(false)).Count > 0) _dispatcher.Wake.Set();
                    asked = true;
                }
                if (_time.GetUtcNow() - lastPrune >= _options.PruneInterval)
                {
                    await _pruner.PruneAsync(stopping).ConfigureAwait(false);
                    lastPrune = _time.GetUtcNow();
                    asked = true;
                }
                if (asked) _health.Succeeded();
                backoff.Reset();
                await Task.Delay(_options.HeartbeatInterval, _time, stopping).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested) { break; }
            catch (Exception ex)
            {
                var wait = _options.PollInterval;
                if (_health.Failed(ex, "maintenance")) wait = backoff.Next();
                else LogLoopFailed(ex, "maintenance");
                try { await Task.Delay(wait, _time, stopping).ConfigureAwait(false); }
                catch (OperationCanceledException) { break; }
            }
        }
    }

    /// <summary>Resumes tasks whose paused_until has passed.</summary>
    public async Task ResumeDueTasksAsync(CancellationToken ct = default)
    {
        foreach (var t in await _store.TaskListResumable(_time.GetUtcNow(), ct).ConfigureAwait(false))
            await Client.ResumeAsync(t.Name, ct).ConfigureAwait(false);
    }

    private async Task CancelForOverlapAsync(IReadOnlyList<long> ids, string reason)
    {
        foreach (var id in ids)
        {
            try
            {
                var result = await Client.CancelRunAsync(id, reason).ConfigureAwait(false);
                if (result.Outcome != RunCancelOutcome.CancelRequested) continue;
                var run = await _store.RunGet(id).ConfigureAwait(false);
                var task = run is null ? null : await _store.TaskGetById(run.TaskId).ConfigureAwait(false);
                if (run is null || task?.Definition.Overlap.Kind != Tasks.OverlapKind.TerminateOther) continue;
                await Task.Delay(task.Definition.TerminateGrace ?? TimeSpan.FromSeconds(30), _time).ConfigureAwait(false);
                if (await _store.RunAbandon(new RunAbandonParams(id, run.Attempt, "abandoned: did not stop within the terminate grace", _time.GetUtcNow())).ConfigureAwait(false))
                    _dispatcher.Wake.Set();
            }
            catch (Exception ex) { LogLoopFailed(ex, "overlap-cancel"); }
        }
    }

    /// <summary>Another node committed work: wake exactly as an in-process signal would.</summary>
    private void OnStoreChanged(StoreChanges changes)
    {
        if (changes.HasFlag(StoreChanges.Runs)) _dispatcher.Wake.Set();
        if (changes.HasFlag(StoreChanges.Schedules)) _scheduler.Wake.Set();
    }

    private void OnRunFinished(RunRecord run, RunCompletion completion)
    {
        RunChanged?.Invoke(new RunEvent(RunEventKind.Finished, run.Id, run.TaskId, run.TaskName, completion.Status, run.Attempt,
            completion.Progress, null, completion.EndedAt, run.StartedAt is { } s ? completion.EndedAt - s : null));
        if (run.ScheduleId is not { } scheduleId || !completion.Status.IsTerminal()) return;
        // Most schedules are cron/every: skip the read when this process already knows the schedule has no after_completion.
        if (_schedules.UsesAfterCompletion(scheduleId) == false) return;
        _ = ScheduleAfterCompletionAsync(scheduleId, completion.EndedAt);
    }

    /// <summary>A finished pipeline step wakes its pipeline run, on whichever node it waits, through the store; a finished
    /// run triggers the tasks that depend on it.</summary>
    private async Task AfterCompletedAsync(RunRecord run, RunCompletion completion)
    {
        if (!completion.Status.IsTerminal()) return;
        if (run.ParentRunId is { } parent && await _store.RunWake(new RunWakeParams(parent, _time.GetUtcNow())).ConfigureAwait(false))
            _dispatcher.Wake.Set();
        await _dependencies.OnFinishedAsync(run, completion.Status, CancellationToken.None).ConfigureAwait(false);
    }

    private async Task ScheduleAfterCompletionAsync(long scheduleId, DateTimeOffset endedAt)
    {
        try
        {
            var s = await _store.ScheduleGet(scheduleId).ConfigureAwait(false);
            if (s is null) return;
            var c = _schedules.Get(s);
            if (c.AfterCompletionDelay is not { } delay) return;
            var next = endedAt + delay;
            if (s.NextNominalAt is { } existing && existing <= next) return;
            await _store.ScheduleSetNext(new ScheduleSetNextParams(scheduleId, next, next)).ConfigureAwait(false);
            _scheduler.Wake.Set();
        }
        catch (Exception ex) { LogLoopFailed(ex, "after-completion"); }
    }

    private static void RegisterBuiltIns(RotaOptions options)
    {
        if (!options.Handlers.Contains("noop")) options.AddHandler("noop", _ => ValueTask.FromResult(Execution.TaskOutcome.Success()));
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "engine: node {Node} started on {Dialect} (scheduler enabled: {SchedulerEnabled})")]
    private partial void LogStarted(string node, string dialect, bool schedulerEnabled);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "engine: node {Node} stopped")]
    private partial void LogStopped(string node);

    [LoggerMessage(EventId = 3, Level = LogLevel.Error, Message = "engine: {Loop} loop failed; continuing")]
    private partial void LogLoopFailed(Exception ex, string loop);
}
