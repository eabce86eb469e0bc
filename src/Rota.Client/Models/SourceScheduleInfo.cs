namespace Rota.Client.Models;

/// <summary>How a source is scheduled (<c>GET /api/v1/sources/{id}/schedule</c>): the mode in force (<c>fixed</c>,
/// <c>adaptive</c>, <c>predictive</c>), the source's own mode (null: the crawler's default), the next crawl and why.</summary>
public sealed record SourceScheduleInfo(long SourceId, string Mode, string? SourceMode, string DefaultMode, DateTimeOffset? NextCrawlAt,
    DateTimeOffset? LastCrawledAt, int PollIntervalSeconds, string? Reason, ScheduleModelInfo Model);

/// <summary>The learned posting model: <see cref="State"/> is <c>learned</c> or <c>learning</c>; <see cref="Weekly"/> holds
/// items per hour, 7 rows (Monday first) × 24 hours UTC, null while learning.</summary>
public sealed record ScheduleModelInfo(string State, int ItemsInWindow, int MinItems, double Threshold, int HalfLifeSeconds, int WindowSeconds,
    double? ItemsPerWeek, double? ExpectedNext24h, string? Summary, double[][]? Weekly);

/// <summary>Body of <c>PUT /api/v1/sources/{id}/schedule</c>: <c>fixed</c>, <c>adaptive</c>, <c>predictive</c> or
/// <c>default</c>; <see cref="Interval"/> (e.g. <c>2h</c>) only with <c>fixed</c>.</summary>
public sealed record SourceScheduleRequest(string Mode, string? Interval = null);
