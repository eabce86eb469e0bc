namespace Rota.Crawler.Scheduling;

/// <summary>How a source's next crawl time is chosen (docs/crawler.md, "Crawl scheduling").</summary>
public enum CrawlScheduleMode
{
    /// <summary>Every poll interval, whatever the feed does.</summary>
    Fixed,

    /// <summary>The interval halves after new items and grows by half after none (the default).</summary>
    Adaptive,

    /// <summary>When the source's learned weekly posting profile expects a new item; adaptive until it has enough items.</summary>
    Predictive,
}

/// <summary>The words <c>fixed</c>, <c>adaptive</c>, <c>predictive</c> of rota.yaml, the API and the CLI.</summary>
public static class CrawlScheduleModes
{
    /// <summary>The metadata key of a source's own mode (absent: the crawler's default).</summary>
    public const string MetadataKey = "schedule";

    /// <summary>The metadata key of the crawler's explanation of the last next-crawl decision.</summary>
    public const string ReasonKey = "schedule_reason";

    public const string ErrorCode = "source.bad_schedule";

    public static string Text(CrawlScheduleMode mode) => mode switch
    {
        CrawlScheduleMode.Fixed => "fixed",
        CrawlScheduleMode.Predictive => "predictive",
        _ => "adaptive",
    };

    public static bool TryParse(string? text, out CrawlScheduleMode mode)
    {
        switch (text?.Trim().ToLowerInvariant())
        {
            case "fixed": mode = CrawlScheduleMode.Fixed; return true;
            case "adaptive": mode = CrawlScheduleMode.Adaptive; return true;
            case "predictive": mode = CrawlScheduleMode.Predictive; return true;
            default: mode = CrawlScheduleMode.Adaptive; return false;
        }
    }

    /// <summary>The source's own mode from its metadata, or null when it follows the crawler's default.</summary>
    public static CrawlScheduleMode? OfSource(Rota.Storage.SourceRow source) =>
        source.Metadata?[MetadataKey] is System.Text.Json.Nodes.JsonValue v && v.TryGetValue<string>(out var s) && TryParse(s, out var m) ? m : null;

    /// <summary>The last explanation the crawler stored, or null.</summary>
    public static string? ReasonOf(Rota.Storage.SourceRow source) =>
        source.Metadata?[ReasonKey] is System.Text.Json.Nodes.JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
}
