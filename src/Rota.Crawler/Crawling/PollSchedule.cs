namespace Rota.Crawler.Crawling;

/// <summary>
/// When a source is crawled next (docs/crawler.md, "Adaptive polling"):
/// <list type="bullet">
/// <item>new items: the interval halves (down to <see cref="CrawlerOptions.MinPollInterval"/>) — the feed is active;</item>
/// <item>nothing new or 304: the interval grows by half (up to <see cref="CrawlerOptions.MaxPollInterval"/>);</item>
/// <item>transient error: the interval is kept; the next try comes after <see cref="CrawlerOptions.ErrorRetryDelay"/>
/// doubled per earlier consecutive error (capped at the max), or at the server's Retry-After when it sent one;</item>
/// <item>permanent error: the next try comes after the max interval (a person may fix the feed meanwhile).</item>
/// </list>
/// </summary>
internal static class PollSchedule
{
    public static (DateTimeOffset Next, TimeSpan Interval) AfterSuccess(CrawlerOptions o, TimeSpan current, int newItems, DateTimeOffset now)
    {
        var interval = newItems > 0 ? current / 2 : current * 1.5;
        interval = Clamp(interval, o.MinPollInterval, o.MaxPollInterval);
        return (now + interval, interval);
    }

    public static DateTimeOffset AfterFailure(CrawlerOptions o, bool transient, int earlierErrors, DateTimeOffset? retryAfter, DateTimeOffset now)
    {
        if (retryAfter is { } at && at > now) return at;
        if (!transient) return now + o.MaxPollInterval;
        var delay = o.ErrorRetryDelay * Math.Pow(2, Math.Min(earlierErrors, 16));
        return now + (delay < o.MaxPollInterval ? delay : o.MaxPollInterval);
    }

    /// <summary>A stored interval, or the default when the row has none.</summary>
    public static TimeSpan Current(CrawlerOptions o, int seconds) =>
        seconds > 0 ? TimeSpan.FromSeconds(seconds) : o.DefaultPollInterval;

    private static TimeSpan Clamp(TimeSpan t, TimeSpan min, TimeSpan max) => t < min ? min : t > max ? max : t;
}
