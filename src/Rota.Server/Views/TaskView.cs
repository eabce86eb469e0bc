using System.Text.Json.Nodes;
using Rota.Storage;

namespace Rota.Server.Views;

/// <summary>A task as the API shows it: definition, policies in words, state, and its schedules.</summary>
public sealed record TaskView(
    long Id, string Name, string Handler, string? Description, string? Owner, string Queue, int Priority, bool Enabled,
    string? PausedReason, DateTimeOffset? PausedUntil, int Version, IReadOnlyList<string> Tags, string Origin, JsonObject Parameters,
    double? TimeoutSeconds, string Overlap, string Misfire, int MaxAttempts, int ConsecutiveFailures, DateTimeOffset? LastRunAt,
    string? LastStatus, DateTimeOffset? NextFireAt, IReadOnlyList<ScheduleView> Schedules, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    public static TaskView From(TaskRow t, IReadOnlyList<ScheduleRow> schedules)
    {
        var d = t.Definition;
        var views = schedules.Select(ScheduleView.From).ToList();
        return new TaskView(t.Id, d.Name, d.Handler, d.Description, d.Owner, d.Queue, d.Priority, d.Enabled, d.PausedReason, d.PausedUntil,
            t.Version, d.Tags, TextNames.Of(d.Origin), d.Parameters, d.Timeout?.TotalSeconds, TextNames.Of(d.Overlap.Kind),
            TextNames.Of(d.Misfire.Kind), d.Retry.MaxAttempts, t.ConsecutiveFailures, t.LastRunAt,
            t.LastStatus is { } s ? TextNames.Of(s) : null,
            d.Enabled ? views.Where(v => v.Enabled).Min(v => v.NextFireAt) : null, views, t.CreatedAt, t.UpdatedAt);
    }
}
