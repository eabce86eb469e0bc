using Rota.Scheduling;
using Rota.Storage;

namespace Rota.Server.Views;

/// <summary>A schedule: its specs as text and in words, zone, next and last fire.</summary>
public sealed record ScheduleView(long Id, string Name, IReadOnlyList<string> Specs, string Description, string TimeZone, bool Enabled,
    DateTimeOffset? NextFireAt, DateTimeOffset? LastNominalAt, int FireCount)
{
    public static ScheduleView From(ScheduleRow s) => new(s.Id, s.Name, s.Definition.Specs.Select(x => x.ToString()).ToList(),
        Describe(s.Definition), s.Definition.TimeZone, s.Definition.Enabled, s.NextFireAt, s.LastNominalAt, s.FireCount);

    public static string Describe(ScheduleDefinition d) => ScheduleWords.Describe(d, at => at?.ToString("O") ?? "");
}
