using Rota.Configuration;

namespace Rota.Crawler.Crawling;

/// <summary>
/// The crawler's options from its three layers: defaults (<see cref="CrawlerOptions"/>), the <c>crawler:</c> section
/// of rota.yaml, and <c>ROTA_CRAWLER_*</c> variables (which win). Used by <c>rota serve</c> and the CLI crawl
/// commands alike. Every problem — bad or unknown variables, contradicting values — is listed in one
/// <see cref="RotaException"/> (<c>crawler.bad_setting</c>).
/// </summary>
public static class CrawlerSettingsResolver
{
    public const string ErrorCode = "crawler.bad_setting";

    /// <param name="fromFile">The file's crawler section, or null.</param>
    /// <param name="environment">Variable lookup (<see cref="Environment.GetEnvironmentVariable(string)"/> in production).</param>
    /// <param name="environmentNames">Every variable name set, to report misspelt <c>ROTA_CRAWLER_</c> ones.</param>
    public static CrawlerOptions Resolve(CrawlerSettings? fromFile, Func<string, string?> environment, IEnumerable<string> environmentNames)
    {
        var errors = new List<string>();
        var fromEnv = CrawlerSettingKeys.FromEnvironment(environment, environmentNames, errors);
        var s = (fromFile ?? new CrawlerSettings()).Overlay(fromEnv);
        var defaults = new CrawlerOptions();
        var fetch = defaults.Fetch;
        var options = defaults with
        {
            MaxParallelSources = s.ParallelSources ?? defaults.MaxParallelSources,
            MaxItemsPerSource = s.MaxItemsPerSource ?? defaults.MaxItemsPerSource,
            DefaultPollInterval = s.DefaultPollInterval ?? defaults.DefaultPollInterval,
            MinPollInterval = s.MinPollInterval ?? defaults.MinPollInterval,
            MaxPollInterval = s.MaxPollInterval ?? defaults.MaxPollInterval,
            ErrorRetryDelay = s.ErrorRetryDelay ?? defaults.ErrorRetryDelay,
            ItemRetention = s.ItemRetention ?? defaults.ItemRetention,
            CrawlLogRetention = s.CrawlLogRetention ?? defaults.CrawlLogRetention,
            AllowLoopback = s.AllowLoopback ?? defaults.AllowLoopback,
            Schedule = s.Schedule is { } mode && Scheduling.CrawlScheduleModes.TryParse(mode, out var m) ? m : defaults.Schedule,
            Predictive = defaults.Predictive with
            {
                Threshold = s.PredictiveThreshold ?? defaults.Predictive.Threshold,
                HalfLife = s.PredictiveHalfLife ?? defaults.Predictive.HalfLife,
                MinItems = s.PredictiveMinItems ?? defaults.Predictive.MinItems,
            },
            Fetch = fetch with
            {
                UserAgent = s.UserAgent ?? fetch.UserAgent,
                MaxConcurrentPerHost = s.MaxPerHost ?? fetch.MaxConcurrentPerHost,
                MinIntervalPerHost = s.MinIntervalPerHost ?? fetch.MinIntervalPerHost,
                ConnectTimeout = s.ConnectTimeout ?? fetch.ConnectTimeout,
                TotalTimeout = s.TotalTimeout ?? fetch.TotalTimeout,
                MaxBodyBytes = s.MaxBodyBytes ?? fetch.MaxBodyBytes,
                MaxRedirects = s.MaxRedirects ?? fetch.MaxRedirects,
            },
        };
        errors.AddRange(options.Validate());
        if (errors.Count > 0) throw new RotaException(ErrorCode, "crawler settings: " + string.Join("; ", errors));
        return options;
    }

    /// <summary><see cref="Resolve(CrawlerSettings?, Func{string, string?}, IEnumerable{string})"/> over this process's environment.</summary>
    public static CrawlerOptions FromProcess(CrawlerSettings? fromFile) =>
        Resolve(fromFile, Environment.GetEnvironmentVariable, Environment.GetEnvironmentVariables().Keys.Cast<string>());
}
