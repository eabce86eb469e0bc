namespace Rota.Configuration;

/// <summary>
/// The crawler settings a <c>crawler:</c> section of rota.yaml or <c>ROTA_CRAWLER_*</c> variables give; null means
/// "not set" (the crawler's default applies). The crawler turns them into its options (Rota.Crawler's
/// <c>CrawlerSettingsResolver</c>); this record only carries them, so the configuration layer needs no crawler types.
/// </summary>
public sealed record CrawlerSettings
{
    public string? UserAgent { get; init; }
    public int? MaxPerHost { get; init; }
    public TimeSpan? MinIntervalPerHost { get; init; }
    public TimeSpan? ConnectTimeout { get; init; }
    public TimeSpan? TotalTimeout { get; init; }
    public long? MaxBodyBytes { get; init; }
    public int? MaxRedirects { get; init; }
    public bool? AllowLoopback { get; init; }
    public int? ParallelSources { get; init; }
    public int? MaxItemsPerSource { get; init; }
    public TimeSpan? DefaultPollInterval { get; init; }
    public TimeSpan? MinPollInterval { get; init; }
    public TimeSpan? MaxPollInterval { get; init; }
    public TimeSpan? ErrorRetryDelay { get; init; }
    public TimeSpan? ItemRetention { get; init; }
    public TimeSpan? CrawlLogRetention { get; init; }
    /// <summary><c>fixed</c>, <c>adaptive</c> or <c>predictive</c> (validated by <see cref="CrawlerSettingKeys"/>).</summary>
    public string? Schedule { get; init; }
    public double? PredictiveThreshold { get; init; }
    public TimeSpan? PredictiveHalfLife { get; init; }
    public int? PredictiveMinItems { get; init; }

    /// <summary>These settings with every value <paramref name="over"/> sets replacing this one's (environment over file).</summary>
    public CrawlerSettings Overlay(CrawlerSettings over) => new()
    {
        UserAgent = over.UserAgent ?? UserAgent,
        MaxPerHost = over.MaxPerHost ?? MaxPerHost,
        MinIntervalPerHost = over.MinIntervalPerHost ?? MinIntervalPerHost,
        ConnectTimeout = over.ConnectTimeout ?? ConnectTimeout,
        TotalTimeout = over.TotalTimeout ?? TotalTimeout,
        MaxBodyBytes = over.MaxBodyBytes ?? MaxBodyBytes,
        MaxRedirects = over.MaxRedirects ?? MaxRedirects,
        AllowLoopback = over.AllowLoopback ?? AllowLoopback,
        ParallelSources = over.ParallelSources ?? ParallelSources,
        MaxItemsPerSource = over.MaxItemsPerSource ?? MaxItemsPerSource,
        DefaultPollInterval = over.DefaultPollInterval ?? DefaultPollInterval,
        MinPollInterval = over.MinPollInterval ?? MinPollInterval,
        MaxPollInterval = over.MaxPollInterval ?? MaxPollInterval,
        ErrorRetryDelay = over.ErrorRetryDelay ?? ErrorRetryDelay,
        ItemRetention = over.ItemRetention ?? ItemRetention,
        CrawlLogRetention = over.CrawlLogRetention ?? CrawlLogRetention,
        Schedule = over.Schedule ?? Schedule,
        PredictiveThreshold = over.PredictiveThreshold ?? PredictiveThreshold,
        PredictiveHalfLife = over.PredictiveHalfLife ?? PredictiveHalfLife,
        PredictiveMinItems = over.PredictiveMinItems ?? PredictiveMinItems,
    };
}
