using Rota.Configuration;

namespace Rota.Scheduling;

/// <summary>A schedule as written in rota.yaml and in plain words — one wording for the CLI, the API and the dashboard.
/// Callers choose how a one-off instant is shown.</summary>
public static class ScheduleWords
{
    /// <summary>The schedule as written in rota.yaml: <c>0 2 * * *</c>, <c>every 10s</c>, <c>after_completion 5m</c>, <c>at …</c>.</summary>
    public static string Text(ScheduleDefinition d, Func<DateTimeOffset?, string> instant) => string.Join(" | ", d.Specs.Select(s => s.Kind switch
    {
        TriggerKind.Cron => s.Cron!,
        TriggerKind.Every => $"every {DurationText.Format(s.Interval!.Value)}" + (s.Phase is { } p && p > TimeSpan.Zero ? $" +{DurationText.Format(p)}" : ""),
        TriggerKind.AfterCompletion => $"after_completion {DurationText.Format(s.Interval!.Value)}",
        _ => $"at {instant(s.At)}",
    }));

    /// <summary>In words: "At 02:00, every day"; an invalid cron gives its error message instead of throwing.</summary>
    public static string Describe(ScheduleDefinition d, Func<DateTimeOffset?, string> instant) => string.Join("; ", d.Specs.Select(s => s.Kind switch
    {
        TriggerKind.Cron => Try(() => CronDescriber.Describe(s.Cron!)),
        TriggerKind.Every => $"every {DurationText.Format(s.Interval!.Value)}" + (s.Phase is { } p && p > TimeSpan.Zero ? $", {DurationText.Format(p)} past the interval" : ""),
        TriggerKind.AfterCompletion => $"{DurationText.Format(s.Interval!.Value)} after the previous run completes",
        _ => $"once at {instant(s.At)}",
    }));

    private static string Try(Func<string> f)
    {
        try { return f(); }
        catch (RotaException ex) { return ex.Message; }
    }
}
