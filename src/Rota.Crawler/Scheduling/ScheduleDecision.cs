namespace Rota.Crawler.Scheduling;

/// <summary>When a source is crawled next, the interval stored with it, the mode that decided (predictive falls back to
/// adaptive while learning), and why, in one line for people.</summary>
public sealed record ScheduleDecision(DateTimeOffset Next, TimeSpan Interval, CrawlScheduleMode DecidedBy, string Reason);
