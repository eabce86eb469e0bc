using Rota.Cli.Commands;
using Rota.Client.Models;
using Rota.Scheduling;

namespace Rota.Cli.Backends;

/// <summary>The API's documents as the CLI's views, so remote output matches local output.</summary>
internal static class RemoteViews
{
    public static TaskView Task(TaskInfo t) => new(t.Name, t.Handler, t.Queue, t.Enabled, t.PausedReason, t.LastStatus, t.LastRunAt,
        t.ConsecutiveFailures, t.Description, t.Schedules.Select(Schedule).ToList());

    public static ScheduleView Schedule(ScheduleInfo s)
    {
        var specs = s.Specs.Select(StoredSpec.Parse).ToList();
        var spec = string.Join(" | ", s.Specs);
        if (specs.Any(x => x is null)) return new ScheduleView(s.Name, spec, spec, s.TimeZone, s.Description, s.NextFireAt, s.LastNominalAt);
        var def = new ScheduleDefinition { Specs = specs.Select(x => x!).ToList(), TimeZone = s.TimeZone };
        return new ScheduleView(s.Name, spec, TaskViews.Text(def), s.TimeZone, TaskViews.Describe(def), s.NextFireAt, s.LastNominalAt);
    }

    public static RunView Run(RunInfo r, string? logs = null) => new(
        r.Id, r.Task, r.Schedule, r.Trigger, r.TriggeredBy, r.Status, r.Reason, r.Queue, r.Priority, r.NominalTime, r.ScheduledAt, r.CreatedAt,
        r.StartedAt, r.EndedAt, r.DurationMs, r.LatenessMs, r.Attempt, r.MaxAttempts, r.Node, r.Progress, r.ProgressText,
        r.Parameters, r.Stats, Error(r.Error), logs, r.ParentRunId, r.Step);

    public static AttemptView Attempt(long runId, AttemptInfo a) => new(runId, a.Attempt, a.Node, a.StartedAt, a.EndedAt, a.Status, Error(a.Error));

    public static RunErrorView? Error(RunErrorInfo? e) => e is null ? null : new RunErrorView(e.Type, e.Message, e.Details, e.Transient);

    /// <summary>The same role rule as the local listing (<see cref="NodeCommands.View"/>), on the server's leader row.</summary>
    public static IReadOnlyList<NodeView> Nodes(NodeList list, DateTimeOffset now) => list.Nodes.Select(n => new NodeView(
        n.Name,
        list.Leader.Holder is null ? n.Role : list.Leader.Holder == n.Name && list.Leader.LeaseUntil >= now ? "leader" : "follower",
        n.HeartbeatAt, Math.Round(Math.Max(0, (now - n.HeartbeatAt).TotalSeconds), 1), n.Running, n.StartedAt, n.Version)).ToList();
}
