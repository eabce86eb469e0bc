namespace Rota.Client.Models;

/// <summary>A schedule of a task. <see cref="Specs"/> are in the stored form (<c>cron:0 2 * * *</c>, <c>every:00:00:10</c>).</summary>
public sealed record ScheduleInfo(long Id, string Name, IReadOnlyList<string> Specs, string Description, string TimeZone, bool Enabled,
    DateTimeOffset? NextFireAt, DateTimeOffset? LastNominalAt, int FireCount);
