using System.Globalization;

namespace Rota.Configuration;

/// <summary>
/// The crawler settings by name: one table serves the <c>crawler:</c> section of rota.yaml (key <c>max_per_host</c>)
/// and the environment (<c>ROTA_CRAWLER_MAX_PER_HOST</c>), so both accept the same values with the same messages.
/// </summary>
public static class CrawlerSettingKeys
{
    public const string EnvPrefix = "ROTA_CRAWLER_";

    private delegate CrawlerSettings Apply(CrawlerSettings s, string text, out string? error);

    private static readonly (string Key, Apply Apply)[] Table =
    [
        ("user_agent", (CrawlerSettings s, string t, out string? e) => (e = string.IsNullOrWhiteSpace(t) ? "must not be empty" : null) is null ? s with { UserAgent = t.Trim() } : s),
        ("max_per_host", (CrawlerSettings s, string t, out string? e) => Int(t, 1, out e) is { } v ? s with { MaxPerHost = v } : s),
        ("min_interval_per_host", (CrawlerSettings s, string t, out string? e) => Duration(t, false, out e) is { } v ? s with { MinIntervalPerHost = v } : s),
        ("connect_timeout", (CrawlerSettings s, string t, out string? e) => Duration(t, true, out e) is { } v ? s with { ConnectTimeout = v } : s),
        ("total_timeout", (CrawlerSettings s, string t, out string? e) => Duration(t, true, out e) is { } v ? s with { TotalTimeout = v } : s),
        ("max_body_size", (CrawlerSettings s, string t, out string? e) => Size(t, out e) is { } v ? s with { MaxBodyBytes = v } : s),
        ("max_redirects", (CrawlerSettings s, string t, out string? e) => Int(t, 0, out e) is { } v ? s with { MaxRedirects = v } : s),
        ("allow_loopback", (CrawlerSettings s, string t, out string? e) => Bool(t, out e) is { } v ? s with { AllowLoopback = v } : s),
        ("parallel_sources", (CrawlerSettings s, string t, out string? e) => Int(t, 1, out e) is { } v ? s with { ParallelSources = v } : s),
        ("max_items_per_source", (CrawlerSettings s, string t, out string? e) => Int(t, 1, out e) is { } v ? s with { MaxItemsPerSource = v } : s),
        ("default_poll_interval", (CrawlerSettings s, string t, out string? e) => Duration(t, true, out e) is { } v ? s with { DefaultPollInterval = v } : s),
        ("min_poll_interval", (CrawlerSettings s, string t, out string? e) => Duration(t, true, out e) is { } v ? s with { MinPollInterval = v } : s),
        ("max_poll_interval", (CrawlerSettings s, string t, out string? e) => Duration(t, true, out e) is { } v ? s with { MaxPollInterval = v } : s),
        ("error_retry_delay", (CrawlerSettings s, string t, out string? e) => Duration(t, true, out e) is { } v ? s with { ErrorRetryDelay = v } : s),
        ("item_retention", (CrawlerSettings s, string t, out string? e) => Duration(t, true, out e) is { } v ? s with { ItemRetention = v } : s),
        ("crawl_log_retention", (CrawlerSettings s, string t, out string? e) => Duration(t, true, out e) is { } v ? s with { CrawlLogRetention = v } : s),
        ("schedule", (CrawlerSettings s, string t, out string? e) => ScheduleMode(t, out e) is { } v ? s with { Schedule = v } : s),
        ("predictive_threshold", (CrawlerSettings s, string t, out string? e) => Positive(t, out e) is { } v ? s with { PredictiveThreshold = v } : s),
        ("predictive_half_life", (CrawlerSettings s, string t, out string? e) => Duration(t, true, out e) is { } v ? s with { PredictiveHalfLife = v } : s),
        ("predictive_min_items", (CrawlerSettings s, string t, out string? e) => Int(t, 2, out e) is { } v ? s with { PredictiveMinItems = v } : s),
    ];

    public static IReadOnlyList<string> Keys { get; } = Table.Select(t => t.Key).ToArray();

    /// <summary>The environment variable of a key: <c>max_per_host</c> → <c>ROTA_CRAWLER_MAX_PER_HOST</c>.</summary>
    public static string EnvName(string key) => EnvPrefix + key.ToUpperInvariant();

    /// <summary>Sets <paramref name="key"/> from <paramref name="text"/>; on a bad value returns the settings unchanged
    /// and the reason in <paramref name="error"/>.</summary>
    public static CrawlerSettings Set(CrawlerSettings settings, string key, string text, out string? error)
    {
        foreach (var (k, apply) in Table)
            if (k == key) return apply(settings, text, out error);
        error = "unknown crawler setting";
        return settings;
    }

    /// <summary>Every <c>ROTA_CRAWLER_*</c> variable that is set; <paramref name="errors"/> gets one line per bad value
    /// and per unknown <c>ROTA_CRAWLER_</c> name among <paramref name="names"/>.</summary>
    public static CrawlerSettings FromEnvironment(Func<string, string?> get, IEnumerable<string> names, List<string> errors)
    {
        var settings = new CrawlerSettings();
        foreach (var key in Keys)
        {
            var name = EnvName(key);
            if (get(name) is not { } text) continue;
            settings = Set(settings, key, text, out var error);
            if (error is not null) errors.Add($"{name}: {error} (value: '{text}')");
        }
        foreach (var name in names)
        {
            if (!name.StartsWith(EnvPrefix, StringComparison.Ordinal) || Keys.Contains(name[EnvPrefix.Length..].ToLowerInvariant())) continue;
            errors.Add($"{name}: unknown crawler setting{ConfigReader.Suggest(name[EnvPrefix.Length..].ToLowerInvariant(), Keys.ToArray())}");
        }
        return settings;
    }

    private static int? Int(string text, int min, out string? error)
    {
        error = null;
        if (!int.TryParse(text.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var v)) error = "expected a whole number";
        else if (v < min) error = $"must be at least {min}";
        return error is null ? v : null;
    }

    /// <summary>The words of the crawler's <c>CrawlScheduleMode</c>.</summary>
    public static readonly string[] ScheduleModes = ["fixed", "adaptive", "predictive"];

    private static string? ScheduleMode(string text, out string? error)
    {
        var v = text.Trim().ToLowerInvariant();
        error = ScheduleModes.Contains(v) ? null : $"expected one of {string.Join(", ", ScheduleModes)}";
        return error is null ? v : null;
    }

    private static double? Positive(string text, out string? error)
    {
        error = null;
        if (!double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var v) || !double.IsFinite(v)) error = "expected a number such as 1 or 0.5";
        else if (v <= 0) error = "must be positive";
        return error is null ? v : null;
    }

    private static bool? Bool(string text, out string? error)
    {
        error = null;
        if (bool.TryParse(text.Trim(), out var b)) return b;
        error = "expected true or false";
        return null;
    }

    private static TimeSpan? Duration(string text, bool positive, out string? error)
    {
        error = null;
        if (!DurationText.TryParse(text, out var d) || d < TimeSpan.Zero) error = "expected a duration such as 500ms, 30s, 15m, 1h or 90d";
        else if (positive && d == TimeSpan.Zero) error = "must be positive";
        return error is null ? d : null;
    }

    private static long? Size(string text, out string? error)
    {
        error = null;
        if (SizeText.TryParse(text, out var bytes) && bytes > 0) return bytes;
        error = "expected a size in bytes such as 15MiB, 512KiB, 2MB or 1048576";
        return null;
    }
}
