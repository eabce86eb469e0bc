using Rota.Execution;

namespace Rota;

/// <summary>Engine options. Every default is stated; <see cref="Validate"/> lists every violation.</summary>
public sealed class RotaOptions
{
    /// <summary>This node's name in runs and logs (default: host name + process id).</summary>
    public string NodeName { get; set; } = $"{Environment.MachineName}-{Environment.ProcessId}";
    /// <summary>Fire schedules (default true). False runs manual work only: seed 004's feature flag
    /// <c>ROTA_SCHEDULER_ENABLED=false</c>.</summary>
    public bool SchedulerEnabled { get; set; } = true;
    /// <summary>Execute runs on this node (default true).</summary>
    public bool ExecutorEnabled { get; set; } = true;
    /// <summary>Concurrency of a queue not configured explicitly (default 10).</summary>
    public int DefaultQueueConcurrency { get; set; } = 10;
    /// <summary>Per-queue concurrency overrides.</summary>
    public Dictionary<string, int> Queues { get; } = new(StringComparer.Ordinal);
    /// <summary>How often the store is polled for work inserted by other processes (default 1 s).
    /// In-process inserts wake the dispatcher at once.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);
    /// <summary>The poll interval while the store pushes other processes' changes (PostgreSQL LISTEN is connected):
    /// polling is then only a safety net (default 5 min). Runs waiting for a free slot still poll at
    /// <see cref="PollInterval"/>, as slots freed by other nodes are not announced.</summary>
    public TimeSpan ListeningPollInterval { get; set; } = TimeSpan.FromMinutes(5);
    /// <summary>
    /// How far ahead of an occurrence the scheduler writes its run (with <c>scheduled_at</c> at the occurrence), so at the
    /// due instant only the claim is left to do. Applies only to tasks with nothing running or waiting and no
    /// min_spacing, so overlap decisions are the same as at the due instant. Zero turns it off.
    /// </summary>
    public TimeSpan FireAhead { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary><see cref="FireAhead"/>, never more than half the poll interval.</summary>
    internal TimeSpan EffectiveFireAhead => FireAhead < PollInterval / 2 ? FireAhead : PollInterval / 2;

    /// <summary>
    /// Early claim: when the next run is due within this window, the dispatcher claims it that much ahead (the claim
    /// counts as made at the due instant) and holds it, under its lease and in its slot, until exactly its
    /// <c>scheduled_at</c>, so the claim's round trip is paid before the instant instead of after it. Between 0 (off, the
    /// default; <c>UsePostgres</c> sets 100 ms) and <see cref="FireAhead"/>; not while the store is unreachable.
    /// </summary>
    public TimeSpan EarlyClaimWindow { get; set; }

    /// <summary>Lease of a running run; renewed every <see cref="HeartbeatInterval"/> (default 30 s).</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(30);
    /// <summary>Default 10 s.</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(10);
    /// <summary>On shutdown, how long running work may finish before it is cancelled (default 30 s).</summary>
    public TimeSpan ShutdownGrace { get; set; } = TimeSpan.FromSeconds(30);
    /// <summary>How often retention pruning runs (default 1 h).</summary>
    public TimeSpan PruneInterval { get; set; } = TimeSpan.FromHours(1);
    /// <summary>How often a running pipeline re-checks its steps when no step finished on a node that could wake it
    /// (default 5 s; a finishing step wakes its pipeline at once).</summary>
    public TimeSpan PipelineCheckInterval { get; set; } = TimeSpan.FromSeconds(5);
    /// <summary>Priority aging (default 60 s): a waiting run counts one priority higher for every interval it has been
    /// due, so low-priority work is not starved by a stream of high-priority runs. Zero turns aging off.</summary>
    public TimeSpan PriorityAgingInterval { get; set; } = TimeSpan.FromSeconds(60);
    /// <summary>
    /// Claim ahead: a node may hold up to this many times a queue's local slots in claimed runs waiting for a slot, so a
    /// stream of short runs needs one claim transaction per many runs instead of one per freed slot (default 0, off; 16
    /// with <c>UsePostgres</c>), and never more than <see cref="ClaimAheadMaxRunTime"/> of work per slot at the queue's
    /// mean run time. Only for queues whose runs are short (see <see cref="ClaimAheadMaxRunTime"/>) and whose
    /// cluster-wide limit leaves room; buffered runs hold leases like running ones (heartbeated, rescued if the node
    /// dies) and are put back, attempt not spent, on shutdown.
    /// </summary>
    public int ClaimAheadFactor { get; set; }
    /// <summary>Claim ahead only for queues whose runs took less than this on average on this node (default 100 ms), and
    /// hold at most this much of their work per slot, so a node never holds long work back from idle nodes.</summary>
    public TimeSpan ClaimAheadMaxRunTime { get; set; } = TimeSpan.FromMilliseconds(100);
    /// <summary>How long the completer waits, after the first completion of a batch arrives, for more to join it before
    /// writing (default 0: write at once; 5 ms with <c>UsePostgres</c>, where each batch is a durable commit). Slots are
    /// free when a handler returns, so this delays only the durable record, not the next run.</summary>
    public TimeSpan CompletionLinger { get; set; }
    /// <summary>The most completions written in one transaction (default 500).</summary>
    public int CompletionBatchSize { get; set; } = 500;
    /// <summary>Allow <c>command</c> tasks that did not come from a configuration file (default false).</summary>
    public bool AllowCommandFromApi { get; set; }
    /// <summary>Let <c>http</c> tasks created through the API call private, loopback and link-local addresses
    /// (default false; tasks from configuration files are trusted).</summary>
    public bool AllowPrivateNetworks { get; set; }
    /// <summary>
    /// Single-node store (SQLite, the default): this node always leads (no election) and on start every run left running
    /// by another process is rescued at once. False (set by <c>UsePostgres</c>): nodes elect a leader on a lease that
    /// alone fires schedules, rescues and prunes, and other nodes' runs are rescued only after their leases expire.
    /// </summary>
    public bool SingleNode { get; set; } = true;

    internal HandlerRegistry Handlers { get; } = new();

    /// <summary>Registers a handler type for a kind; it is resolved from DI (or created) per attempt.</summary>
    public RotaOptions AddHandler<THandler>(string kind) where THandler : class, ITaskHandler
    {
        Handlers.Add(kind, typeof(THandler));
        return this;
    }

    /// <summary>Registers a delegate as the handler of a kind.</summary>
    public RotaOptions AddHandler(string kind, Func<TaskContext, ValueTask<TaskOutcome>> handler)
    {
        Handlers.Add(kind, handler);
        return this;
    }

    public int ConcurrencyOf(string queue) => Queues.TryGetValue(queue, out var c) ? c : DefaultQueueConcurrency;

    /// <summary>Per-queue priority (default 0): when <see cref="MaxConcurrency"/> leaves fewer node slots than the queues
    /// want, higher-priority queues claim first.</summary>
    public Dictionary<string, int> QueuePriorities { get; } = new(StringComparer.Ordinal);

    /// <summary>Runs this node executes at once across all its queues (null: no node-wide cap, each queue only its own).</summary>
    public int? MaxConcurrency { get; set; }

    public int PriorityOf(string queue) => QueuePriorities.TryGetValue(queue, out var p) ? p : 0;

    /// <summary>Every violation, each naming the key and value.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(NodeName)) errors.Add("Rota:NodeName: must not be empty");
        if (DefaultQueueConcurrency < 1) errors.Add($"Rota:DefaultQueueConcurrency: {DefaultQueueConcurrency} must be at least 1");
        foreach (var (q, c) in Queues)
            if (c < 1) errors.Add($"Rota:Queues:{q}: {c} must be at least 1");
        if (PollInterval <= TimeSpan.Zero) errors.Add($"Rota:PollInterval: {PollInterval} must be positive");
        if (ListeningPollInterval < PollInterval) errors.Add($"Rota:ListeningPollInterval: {ListeningPollInterval} must not be shorter than the poll interval ({PollInterval})");
        if (FireAhead < TimeSpan.Zero) errors.Add($"Rota:FireAhead: {FireAhead} must be zero or positive");
        if (EarlyClaimWindow < TimeSpan.Zero || EarlyClaimWindow > FireAhead)
            errors.Add($"Rota:EarlyClaimWindow: {EarlyClaimWindow} must be between 0 (off) and FireAhead ({FireAhead})");
        if (LeaseDuration <= HeartbeatInterval) errors.Add($"Rota:LeaseDuration: {LeaseDuration} must exceed HeartbeatInterval {HeartbeatInterval}");
        if (HeartbeatInterval <= TimeSpan.Zero) errors.Add($"Rota:HeartbeatInterval: {HeartbeatInterval} must be positive");
        if (ShutdownGrace < TimeSpan.Zero) errors.Add($"Rota:ShutdownGrace: {ShutdownGrace} must not be negative");
        if (PipelineCheckInterval <= TimeSpan.Zero) errors.Add($"Rota:PipelineCheckInterval: {PipelineCheckInterval} must be positive");
        if (PriorityAgingInterval < TimeSpan.Zero) errors.Add($"Rota:PriorityAgingInterval: {PriorityAgingInterval} must be zero (off) or positive");
        if (MaxConcurrency is { } max && max < 1) errors.Add($"Rota:MaxConcurrency: {max} must be at least 1");
        if (ClaimAheadFactor is < 0 or > 100) errors.Add($"Rota:ClaimAheadFactor: {ClaimAheadFactor} must be between 0 (off) and 100");
        if (CompletionLinger < TimeSpan.Zero || CompletionLinger > TimeSpan.FromSeconds(1)) errors.Add($"Rota:CompletionLinger: {CompletionLinger} must be between 0 and 1 s");
        if (CompletionBatchSize < 1) errors.Add($"Rota:CompletionBatchSize: {CompletionBatchSize} must be at least 1");
        return errors;
    }
}
