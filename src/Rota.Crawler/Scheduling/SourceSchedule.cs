namespace Rota.Crawler.Scheduling;

/// <summary>How a source is scheduled (<c>GET /api/v1/sources/{id}/schedule</c>, <c>rota source show</c>).</summary>
/// <param name="Mode">The mode in force: the source's own, or the crawler's default.</param>
/// <param name="SourceMode">The source's own mode; null when it follows the default.</param>
/// <param name="Reason">The crawler's explanation of the stored next crawl time.</param>
public sealed record SourceSchedule(long SourceId, string Mode, string? SourceMode, string DefaultMode, DateTimeOffset? NextCrawlAt,
    DateTimeOffset? LastCrawledAt, int PollIntervalSeconds, string? Reason, ScheduleModel Model);

/// <summary>The learned posting model as of now (shown for every mode; used only by predictive ones).</summary>
/// <param name="State"><c>learned</c>, or <c>learning</c> while there are too few items.</param>
/// <param name="ItemsInWindow">Items of the learning window.</param>
/// <param name="ItemsPerWeek">Expected items in a week; null while learning.</param>
/// <param name="ExpectedNext24h">Expected new items in the next 24 hours; null while learning.</param>
/// <param name="Summary">Where the posting concentrates; null while learning.</param>
/// <param name="Weekly">Items per hour, 7 rows Monday first × 24 hours UTC; null while learning.</param>
public sealed record ScheduleModel(string State, int ItemsInWindow, int MinItems, double Threshold, int HalfLifeSeconds, int WindowSeconds,
    double? ItemsPerWeek, double? ExpectedNext24h, string? Summary, double[][]? Weekly);
