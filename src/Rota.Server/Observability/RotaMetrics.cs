using Prometheus;

namespace Rota.Server.Observability;

/// <summary>Every Rota metric, in one registry served at <c>/metrics</c> (docs/observability.md lists them).
/// Static so any component (the engine recorder, the crawler) increments the same series without wiring.
/// A registry of our own rather than prometheus-net's default one: no .NET event-counter or meter adapters whose names
/// and cardinality we do not control.</summary>
public static class RotaMetrics
{
    /// <summary>The registry <c>/metrics</c> exports (also holds process_* and the HTTP request metrics).</summary>
    public static readonly CollectorRegistry Registry = CreateRegistry();
    /// <summary>Creates further metrics in <see cref="Registry"/>.</summary>
    public static readonly IMetricFactory Factory = Metrics.WithCustomRegistry(Registry);

    // Jobs range from milliseconds (noop, http) to hours (backfills, crawls of many sources).
    private static readonly double[] DurationBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800, 3600, 7200];
    // The scheduler fires at the due instant; anything past a few seconds means a busy queue or a down node.
    private static readonly double[] LatenessBuckets = [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 300, 900, 3600];

    public static readonly Counter RunsStarted = Factory.CreateCounter("rota_runs_started_total",
        "Run attempts started by this node.", new CounterConfiguration { LabelNames = ["task"] });
    public static readonly Counter RunsFinished = Factory.CreateCounter("rota_runs_finished_total",
        "Run attempts finished by this node, by outcome (status 'retrying' = failed attempt with a retry scheduled).",
        new CounterConfiguration { LabelNames = ["task", "status"] });
    public static readonly Histogram RunDuration = Factory.CreateHistogram("rota_run_duration_seconds",
        "Wall time of a run attempt, start to finish.", new HistogramConfiguration { LabelNames = ["task"], Buckets = DurationBuckets });
    public static readonly Histogram RunLateness = Factory.CreateHistogram("rota_run_lateness_seconds",
        "Delay between a scheduled run's nominal fire time and its first attempt's start.",
        new HistogramConfiguration { LabelNames = ["task"], Buckets = LatenessBuckets });

    public static readonly Gauge QueueDepth = Factory.CreateGauge("rota_queue_depth",
        "Runs waiting in a queue (available or due), read from the store at scrape time.", new GaugeConfiguration { LabelNames = ["queue"] });
    public static readonly Gauge QueueRunning = Factory.CreateGauge("rota_queue_running",
        "Runs executing from a queue on any node, read from the store at scrape time.", new GaugeConfiguration { LabelNames = ["queue"] });
    public static readonly Gauge QueuePaused = Factory.CreateGauge("rota_queue_paused",
        "1 when a queue is paused.", new GaugeConfiguration { LabelNames = ["queue"] });
    public static readonly Gauge NodeHeartbeatAge = Factory.CreateGauge("rota_node_heartbeat_age_seconds",
        "Seconds since each registered node's last heartbeat.", new GaugeConfiguration { LabelNames = ["node"] });
    public static readonly Gauge SchedulerLeader = Factory.CreateGauge("rota_scheduler_leader",
        "1 when this node holds the scheduler lease (fires schedules, rescues, prunes), else 0.");
    public static readonly Gauge StoreUp = Factory.CreateGauge("rota_store_up",
        "1 when the last scrape-time read of the store succeeded, else 0.");

    // Named and labelled by us (prometheus-net's defaults add empty MVC controller/action labels); the endpoint label is the
    // route template, e.g. /api/v1/tasks/{name}, never the raw path.
    public static readonly Counter HttpRequests = Factory.CreateCounter("rota_http_requests_received_total",
        "HTTP requests answered, by status code, method and route template.", new CounterConfiguration { LabelNames = ["code", "method", "endpoint"] });
    public static readonly Histogram HttpRequestDuration = Factory.CreateHistogram("rota_http_request_duration_seconds",
        "Time to answer an HTTP request (for /api/v1/events: the stream's lifetime).",
        new HistogramConfiguration { LabelNames = ["code", "method", "endpoint"], Buckets = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] });
    public static readonly Gauge HttpApiReadsWaiting = Factory.CreateGauge("rota_http_api_reads_waiting",
        "API reads waiting for their turn (read admission: more than MaxConcurrentApiReads at once); above 0 for long = saturated.");
    public static readonly Gauge HttpRequestsInProgress = Factory.CreateGauge("rota_http_requests_in_progress",
        "HTTP requests being answered (open event streams included).", new GaugeConfiguration { LabelNames = ["method", "endpoint"] });

    // For the crawler: incremented per crawl of a source; they stay at 0 until a crawl source exists.
    public static readonly Counter CrawlItemsFetched = Factory.CreateCounter("rota_crawl_items_fetched_total",
        "Feed items fetched by crawls.", new CounterConfiguration { LabelNames = ["source_type"] });
    public static readonly Counter CrawlItemsNew = Factory.CreateCounter("rota_crawl_items_new_total",
        "Fetched feed items not seen before.", new CounterConfiguration { LabelNames = ["source_type"] });
    public static readonly Counter SourceErrors = Factory.CreateCounter("rota_source_errors_total",
        "Crawls of a source that failed.", new CounterConfiguration { LabelNames = ["source_type"] });

    private static CollectorRegistry CreateRegistry()
    {
        var registry = Metrics.NewCustomRegistry();
        DotNetStats.Register(registry);
        return registry;
    }
}
