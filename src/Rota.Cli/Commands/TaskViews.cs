using Rota.Configuration;
using Rota.Scheduling;
using Rota.Storage;

namespace Rota.Cli.Commands;

/// <summary>Builds <see cref="TaskView"/>s from the store and puts schedules into words.</summary>
public static class TaskViews
{
    public static async Task<IReadOnlyList<TaskView>> ListAsync(IRotaStore store)
    {
        var schedules = (await store.ScheduleList(new ScheduleListParams())).ToLookup(s => s.TaskId);
        return (await store.TaskList(new TaskListParams())).Select(t => new TaskView(
            t.Name, t.Definition.Handler, t.Definition.Queue, t.Definition.Enabled, t.Definition.PausedReason,
            t.LastStatus is { } last ? TextNames.Of(last) : null, t.LastRunAt, t.ConsecutiveFailures, t.Definition.Description,
            schedules[t.Id].Select(s => new ScheduleView(s.Name, string.Join(" | ", s.Definition.Specs), Text(s.Definition), s.Definition.TimeZone,
                Describe(s.Definition), s.NextFireAt, s.LastNominalAt)).ToList())).ToList();
    }

    /// <summary>The schedule as written in rota.yaml: <c>0 2 * * *</c>, <c>every 10s</c>, <c>after_completion 5m</c>, <c>at …</c>.</summary>
    public static string Text(ScheduleDefinition d) => string.Join(" | ", d.Specs.Select(s => s.Kind switch
    {
        TriggerKind.Cron => s.Cron!,
        TriggerKind.Every => $"every {DurationText.Format(s.Interval!.Value)}" + (s.Phase is { } p && p > TimeSpan.Zero ? $" +{DurationText.Format(p)}" : ""),
        TriggerKind.AfterCompletion => $"after_completion {DurationText.Format(s.Interval!.Value)}",
        _ => $"at {CliOutput.When(s.At)}",
    }));

    public static string Describe(ScheduleDefinition d) => string.Join("; ", d.Specs.Select(s => s.Kind switch
    {
        TriggerKind.Cron => Try(() => CronDescriber.Describe(s.Cron!)),
        TriggerKind.Every => $"every {DurationText.Format(s.Interval!.Value)}" + (s.Phase is { } p && p > TimeSpan.Zero ? $", {DurationText.Format(p)} past the interval" : ""),
        TriggerKind.AfterCompletion => $"{DurationText.Format(s.Interval!.Value)} after the previous run completes",
        _ => $"once at {CliOutput.When(s.At)}",
    }));

    private static string Try(Func<string> f)
    {
        try { return f(); }
        catch (RotaException ex) { return ex.Message; }
    }
}
