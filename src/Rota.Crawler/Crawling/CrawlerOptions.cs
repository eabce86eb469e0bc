using Rota.Crawler.Fetching;
using Rota.Crawler.Scheduling;

namespace Rota.Crawler.Crawling;

/// <summary>Settings of the <c>crawl</c> and <c>fetch-page</c> handlers. Every property documents its default.</summary>
public sealed record CrawlerOptions
{
    /// <summary>Sources crawled at once in one run (per-host limits of <see cref="Fetch"/> still apply). Default 8.</summary>
    public int MaxParallelSources { get; init; } = 8;

    /// <summary>Entries read from one feed per crawl, first in document order (newest first in nearly every feed). Default 100.</summary>
    public int MaxItemsPerSource { get; init; } = 100;

    /// <summary>Poll interval of a new source. Default 1 h.</summary>
    public TimeSpan DefaultPollInterval { get; init; } = TimeSpan.FromHours(1);

    /// <summary>Shortest adaptive poll interval. Default 15 min.</summary>
    public TimeSpan MinPollInterval { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>Longest adaptive poll interval, and the wait after a permanent error. Default 24 h.</summary>
    public TimeSpan MaxPollInterval { get; init; } = TimeSpan.FromHours(24);

    /// <summary>How sources without their own <c>schedule</c> choose their next crawl. Default adaptive.</summary>
    public CrawlScheduleMode Schedule { get; init; } = CrawlScheduleMode.Adaptive;

    /// <summary>The posting model of predictive scheduling. Default <see cref="PredictiveOptions.Default"/>.</summary>
    public PredictiveOptions Predictive { get; init; } = PredictiveOptions.Default;

    /// <summary>First wait after a transient error, doubled per consecutive error up to <see cref="MaxPollInterval"/>. Default 5 min.</summary>
    public TimeSpan ErrorRetryDelay { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Items first seen longer ago are deleted by the crawl handler. Default 90 days.</summary>
    public TimeSpan ItemRetention { get; init; } = TimeSpan.FromDays(90);

    /// <summary>Crawl logs older than this are deleted by the crawl handler (seed 004 keeps crawl jobs 30 days). Default 30 days.</summary>
    public TimeSpan CrawlLogRetention { get; init; } = TimeSpan.FromDays(30);

    /// <summary>Lets fetches reach 127.0.0.1 (and only that; every other private address stays refused). For tests and
    /// local development. Default false.</summary>
    public bool AllowLoopback { get; init; }

    /// <summary>Owner of sources added without one. Default <c>admin</c>, the first user <c>rota serve</c> creates.</summary>
    public string DefaultOwner { get; init; } = "admin";

    /// <summary>Timeouts, size cap, User-Agent and per-host politeness of every fetch. Default <see cref="FetchOptions.Default"/>.</summary>
    public FetchOptions Fetch { get; init; } = FetchOptions.Default;

    /// <summary>Every invalid setting, each naming its key and value; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>(Fetch.Validate());
        errors.AddRange(Predictive.Validate());
        if (MaxParallelSources < 1) errors.Add($"crawler: MaxParallelSources must be at least 1, got {MaxParallelSources}");
        if (MaxItemsPerSource < 1) errors.Add($"crawler: MaxItemsPerSource must be at least 1, got {MaxItemsPerSource}");
        if (MinPollInterval <= TimeSpan.Zero) errors.Add($"crawler: MinPollInterval must be positive, got {MinPollInterval}");
        if (MaxPollInterval < MinPollInterval) errors.Add($"crawler: MaxPollInterval {MaxPollInterval} must be at least MinPollInterval {MinPollInterval}");
        if (DefaultPollInterval < MinPollInterval || DefaultPollInterval > MaxPollInterval)
            errors.Add($"crawler: DefaultPollInterval {DefaultPollInterval} must lie between MinPollInterval and MaxPollInterval");
        if (ErrorRetryDelay <= TimeSpan.Zero) errors.Add($"crawler: ErrorRetryDelay must be positive, got {ErrorRetryDelay}");
        if (string.IsNullOrWhiteSpace(DefaultOwner)) errors.Add("crawler: DefaultOwner must not be empty");
        return errors;
    }
}
