using System.Globalization;
using Rota.Configuration;
using Rota.Crawler.Crawling;

namespace Rota.Crawler.Scheduling;

/// <summary>
/// The next crawl after a successful one, per <see cref="CrawlScheduleMode"/>: fixed keeps the interval; adaptive
/// halves it after new items and grows it by half after none (<see cref="PollSchedule"/>); predictive crawls when the
/// learned <see cref="PostingProfile"/> expects <see cref="PredictiveOptions.Threshold"/> new items since this crawl,
/// within the min and max poll interval, moved by a small per-source jitter. Failures keep the error back-off of
/// <see cref="PollSchedule.AfterFailure"/> in every mode.
/// </summary>
public static class CrawlScheduler
{
    /// <param name="current">The source's stored interval.</param>
    /// <param name="profile">The learned profile, or null while the source has too little history (predictive then adapts).</param>
    /// <param name="historyItems">Items in the learning window (for the "still learning" explanation).</param>
    public static ScheduleDecision AfterSuccess(CrawlerOptions o, CrawlScheduleMode mode, long sourceId, TimeSpan current, int newItems,
        PostingProfile? profile, int historyItems, DateTimeOffset now)
    {
        if (mode == CrawlScheduleMode.Fixed) return new(now + current, current, mode, $"fixed interval {DurationText.Format(current)}");
        if (mode != CrawlScheduleMode.Predictive) return Adapt(o, current, newItems, now);
        if (profile is not null) return Predict(o, sourceId, profile, now);
        var adapted = Adapt(o, current, newItems, now);
        return adapted with { Reason = $"learning ({historyItems} of {o.Predictive.MinItems} items over at least a day), adaptive meanwhile: {adapted.Reason}" };
    }

    /// <summary>The next try after a failed crawl, with its explanation.</summary>
    public static ScheduleDecision AfterFailure(CrawlerOptions o, CrawlScheduleMode mode, TimeSpan current, bool transient, int earlierErrors,
        DateTimeOffset? retryAfter, DateTimeOffset now)
    {
        var next = PollSchedule.AfterFailure(o, transient, earlierErrors, retryAfter, now);
        var why = retryAfter is { } r && r > now ? "the server's Retry-After"
            : transient ? $"error back-off after {earlierErrors + 1} failure(s)" : "permanent error: max interval";
        return new(next, current, mode, $"retry in {DurationText.Format(next - now)} ({why})");
    }

    private static ScheduleDecision Adapt(CrawlerOptions o, TimeSpan current, int newItems, DateTimeOffset now)
    {
        var (next, interval) = PollSchedule.AfterSuccess(o, current, newItems, now);
        var why = newItems > 0 ? $"{newItems} new item(s): interval halved" : "nothing new: interval grown by half";
        var bound = interval == o.MinPollInterval ? " (min)" : interval == o.MaxPollInterval ? " (max)" : "";
        return new(next, interval, CrawlScheduleMode.Adaptive, $"{why} to {DurationText.Format(interval)}{bound}");
    }

    private static ScheduleDecision Predict(CrawlerOptions o, long sourceId, PostingProfile profile, DateTimeOffset now)
    {
        var p = o.Predictive;
        var earliest = now + o.MinPollInterval;
        var latest = now + o.MaxPollInterval;
        var at = profile.WhenExpected(now, p.Threshold, latest);
        var next = at is { } t ? t + Jitter(sourceId, t, p.Jitter) : latest;
        // Real publishers are not memoryless: the posts of a busy stretch that the last crawl did not see yet are still
        // to come. Sweeping up at the stretch's end stops them waiting for the next day's threshold.
        var sweep = profile.BusyUntil(now, next) is { } end && profile.ExpectedItems(now, end) >= p.Threshold / 5
            ? end + Jitter(sourceId, end, p.Jitter).Duration() : (DateTimeOffset?)null;
        if (sweep is { } s && s < next) next = s;
        next = next < earliest ? earliest : next > latest ? latest : next;
        var expected = profile.ExpectedItems(now, next);
        var bound = next == earliest ? " (min interval)" : next == latest ? " (max interval)" : next == sweep ? " (end of its busy hours)" : "";
        var reason = string.Create(CultureInfo.InvariantCulture,
            $"expected {expected:0.0#} new item(s) by {next.UtcDateTime:ddd HH:mm} UTC{bound} — {profile.Describe()} (learned from {profile.ItemsUsed} items)");
        // Stored so that a switch back to adaptive starts from what the model thought.
        return new(next, next - now, CrawlScheduleMode.Predictive, reason);
    }

    /// <summary>A stable offset in [-spread/2, spread/2) from the source and the predicted minute: sources with the same
    /// profile spread out, and the same inputs give the same time (tests, replays).</summary>
    internal static TimeSpan Jitter(long sourceId, DateTimeOffset at, TimeSpan spread)
    {
        if (spread <= TimeSpan.Zero) return TimeSpan.Zero;
        var x = unchecked((ulong)sourceId * 0x9E3779B97F4A7C15UL ^ (ulong)(at.ToUnixTimeSeconds() / 60));
        x = unchecked((x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL);
        x = unchecked((x ^ (x >> 27)) * 0x94D049BB133111EBUL);
        x ^= x >> 31;
        var fraction = (x >> 11) / (double)(1UL << 53) - 0.5;
        return spread * fraction;
    }
}
