using System.Text.Json.Nodes;
using Rota.Runs;

namespace Rota.Server.Views;

/// <summary>A run in lists: what, when, how it went. Durations in milliseconds.</summary>
public sealed record RunView(
    long Id, long TaskId, string Task, string? Schedule, string Trigger, string? TriggeredBy, string Status, string? Reason, string Queue,
    int Priority, DateTimeOffset? NominalTime, DateTimeOffset ScheduledAt, DateTimeOffset CreatedAt, DateTimeOffset? StartedAt,
    DateTimeOffset? EndedAt, int Attempt, int MaxAttempts, string? Node, int? Progress, string? ProgressText, double? DurationMs,
    double? LatenessMs, JsonObject? Parameters, JsonObject? Stats, ErrorView? Error, long? ParentRunId = null, string? Step = null)
{
    public static RunView From(RunRecord r) => new(r.Id, r.TaskId, r.TaskName, r.ScheduleName, TextNames.Of(r.Trigger), r.TriggeredBy,
        TextNames.Of(r.Status), r.Reason, r.Queue, r.Priority, r.NominalTime, r.ScheduledAt, r.CreatedAt, r.StartedAt, r.EndedAt, r.Attempt,
        r.MaxAttempts, r.Node, r.Progress, r.ProgressText, r.Duration?.TotalMilliseconds, r.Lateness?.TotalMilliseconds, r.Parameters, r.Stats,
        ErrorView.From(r.Error), r.ParentRunId, r.Step);
}

public sealed record ErrorView(string Type, string Message, string? Details, bool Transient)
{
    public static ErrorView? From(RunError? e) => e is null ? null : new ErrorView(e.Type, e.Message, e.Details, e.IsTransient);
}

public sealed record AttemptView(int Attempt, string? Node, DateTimeOffset StartedAt, DateTimeOffset? EndedAt, string Status, ErrorView? Error)
{
    public static AttemptView From(RunAttempt a) => new(a.Attempt, a.Node, a.StartedAt, a.EndedAt, TextNames.Of(a.Status), ErrorView.From(a.Error));
}

/// <summary>A run with its attempts and logs (run detail).</summary>
/// <summary>A run with its attempts and logs (run detail); for a pipeline run, its step runs in order.</summary>
public sealed record RunDetailView(RunView Run, IReadOnlyList<AttemptView> Attempts, string? Logs, IReadOnlyList<RunView>? Steps = null);
