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
    public static string Text(ScheduleDefinition d) => ScheduleWords.Text(d, CliOutput.When);

    public static string Describe(ScheduleDefinition d) => ScheduleWords.Describe(d, CliOutput.When);
}
