using Rota.Configuration;
using Rota.Crawler.Crawling;
using Rota.Storage;

namespace Rota.Crawler.Scheduling;

/// <summary>Reads and sets a source's scheduling mode for the API, the CLI and the dashboard alike.</summary>
public sealed class SourceSchedules(IRotaStore store, CrawlerOptions options, TimeProvider time)
{
    /// <summary>The words a caller may give: a mode, or <c>default</c> to follow the crawler's.</summary>
    public static readonly string[] Choices = ["fixed", "adaptive", "predictive", "default"];

    /// <summary>Checks a mode word and an optional fixed interval; on a problem returns the field and why.</summary>
    public static (CrawlScheduleMode? Mode, TimeSpan? Interval, string? Field, string? Error) Parse(string? modeText, string? intervalText, CrawlerOptions o)
    {
        CrawlScheduleMode? mode = null;
        if (modeText?.Trim().ToLowerInvariant() != "default")
        {
            if (!CrawlScheduleModes.TryParse(modeText, out var m)) return (null, null, "mode", $"expected one of {string.Join(", ", Choices)}");
            mode = m;
        }
        if (intervalText is null) return (mode, null, null, null);
        if ((mode ?? o.Schedule) != CrawlScheduleMode.Fixed) return (null, null, "interval", "an interval applies only to the fixed mode");
        if (!DurationText.TryParse(intervalText, out var interval)) return (null, null, "interval", "expected a duration such as 30m, 2h or 1d");
        if (interval < o.MinPollInterval || interval > o.MaxPollInterval)
            return (null, null, "interval", $"must lie between the crawler's min_poll_interval {DurationText.Format(o.MinPollInterval)} and max_poll_interval {DurationText.Format(o.MaxPollInterval)}");
        return (mode, interval, null, null);
    }

    public async Task<SourceSchedule> DescribeAsync(SourceRow source, CancellationToken ct = default)
    {
        var now = time.GetUtcNow();
        var (profile, inWindow) = await PostingHistory.LearnAsync(store, source.Id, options.Predictive, now, ct).ConfigureAwait(false);
        var own = CrawlScheduleModes.OfSource(source);
        var p = options.Predictive;
        var model = new ScheduleModel(profile is null ? "learning" : "learned", inWindow, p.MinItems, p.Threshold, (int)p.HalfLife.TotalSeconds,
            (int)p.Window.TotalSeconds, profile?.Weekly().Sum(d => d.Sum()), profile?.ExpectedItems(now, now.AddDays(1)), profile?.Describe(), profile?.Weekly());
        return new SourceSchedule(source.Id, CrawlScheduleModes.Text(own ?? options.Schedule), own is { } o ? CrawlScheduleModes.Text(o) : null,
            CrawlScheduleModes.Text(options.Schedule), source.NextCrawlAt, source.LastCrawledAt, source.PollIntervalSeconds,
            CrawlScheduleModes.ReasonOf(source), model);
    }

    /// <summary>Sets the source's mode (null: the crawler's default). Fixed and predictive take effect at once, measured
    /// from the last crawl; adaptive keeps the next crawl time and adapts from the next crawl on.</summary>
    public async Task<SourceRow?> SetAsync(SourceRow source, CrawlScheduleMode? mode, TimeSpan? fixedInterval, CancellationToken ct = default)
    {
        var now = time.GetUtcNow();
        var effective = mode ?? options.Schedule;
        var interval = fixedInterval ?? PollSchedule.Current(options, source.PollIntervalSeconds);
        var from = source.LastCrawledAt ?? now;
        DateTimeOffset? next = null;
        string reason;
        switch (effective)
        {
            case CrawlScheduleMode.Fixed:
                next = from + interval;
                reason = $"fixed interval {DurationText.Format(interval)}";
                break;
            case CrawlScheduleMode.Predictive when source.LastCrawledAt is not null:
                var (profile, inWindow) = await PostingHistory.LearnAsync(store, source.Id, options.Predictive, now, ct).ConfigureAwait(false);
                var decision = CrawlScheduler.AfterSuccess(options, effective, source.Id, interval, 0, profile, inWindow, from);
                next = profile is null ? null : decision.Next;
                reason = profile is null ? $"learning ({inWindow} of {options.Predictive.MinItems} items), adaptive until then" : decision.Reason;
                break;
            default:
                reason = $"{CrawlScheduleModes.Text(effective)} from the next crawl on";
                break;
        }
        if (next is { } n && n < now) next = now;
        return await store.SourceSetSchedule(new SourceSetScheduleParams(source.Id, null, mode is { } m ? CrawlScheduleModes.Text(m) : null, reason,
            fixedInterval is { } f ? (int)f.TotalSeconds : null, next, now), ct).ConfigureAwait(false);
    }
}
