namespace Rota.Cli.Commands;

/// <summary>One task as <c>task list</c> and <c>task show</c> print it.</summary>
public sealed record TaskView(string Name, string Handler, string Queue, bool Enabled, string? PausedReason, string? LastStatus,
    DateTimeOffset? LastRunAt, int ConsecutiveFailures, string? Description, IReadOnlyList<ScheduleView> Schedules);
