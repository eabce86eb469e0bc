namespace Rota.Server.Dashboard.Models;

/// <summary>The task form's fields (bound from the POST as <c>Posted.X</c>): every key of the task document of
/// <c>PUT /api/v1/tasks/{name}</c>, as text the way people type it. Empty means "the default".</summary>
public sealed class TaskFormModel
{
    public string? Template { get; set; }
    public string? Name { get; set; }
    public string? Handler { get; set; }
    public string? Description { get; set; }
    public string? Owner { get; set; }
    public List<ScheduleFormRow> Schedules { get; set; } = [];
    public string? Parameters { get; set; }
    public string? Queue { get; set; }
    public string? Priority { get; set; }
    public string? Timeout { get; set; }
    public string? Attempts { get; set; }
    public string? Backoff { get; set; }
    public string? Factor { get; set; }
    public string? MaxBackoff { get; set; }
    public bool Jitter { get; set; }
    public bool RetryPermanent { get; set; }
    public string? Overlap { get; set; }
    /// <summary>For <c>allow_all</c>: the most concurrent runs (empty: unlimited).</summary>
    public string? MaxConcurrent { get; set; }
    public string? TerminateGrace { get; set; }
    public string? Misfire { get; set; }
    public string? MaxCatchup { get; set; }
    public string? CatchupWindow { get; set; }
    public string? MisfireGrace { get; set; }
    public string? MinSpacing { get; set; }
    public string? KeepSucceeded { get; set; }
    public string? KeepFailed { get; set; }
    public string? MaxAge { get; set; }
    public string? PauseAfterFailures { get; set; }
    public List<DependencyFormRow> Dependencies { get; set; } = [];
    public bool DependsAll { get; set; }
    public string? Tags { get; set; }
    public bool Enabled { get; set; }
    /// <summary>Kept from the stored task while it stays disabled, so saving does not rewrite why it was paused.</summary>
    public string? PausedReason { get; set; }
    /// <summary>Fingerprint of the document the user confirmed; saving happens only when it still matches.</summary>
    public string? Checked { get; set; }
    public string? Save { get; set; }
    /// <summary>A row button pressed instead of Check: <c>add-schedule</c>, <c>remove-schedule-2</c>, <c>add-dependency</c> …</summary>
    public string? Action { get; set; }
}

/// <summary>One schedule of the form. <see cref="Kind"/> picks the trigger written (cron, every, after_completion, at);
/// <c>several</c> keeps a schedule that combines triggers, writing every filled trigger field.</summary>
public sealed class ScheduleFormRow
{
    public string? Name { get; set; }
    public string? Kind { get; set; }
    /// <summary>One cron expression, or several separated by <c>;</c>.</summary>
    public string? Cron { get; set; }
    public string? TimeZone { get; set; }
    public string? Every { get; set; }
    public string? Phase { get; set; }
    public string? AfterCompletion { get; set; }
    public string? At { get; set; }
    public string? Jitter { get; set; }
    public string? StartAt { get; set; }
    public string? EndAt { get; set; }
    public string? MaxRuns { get; set; }
    /// <summary>Comma-separated dates (2026-12-25, 2026-12-26).</summary>
    public string? ExcludeDates { get; set; }
    public string? Parameters { get; set; }
    public bool Enabled { get; set; }

    public static ScheduleFormRow NewCron(string cron = "", string zone = "UTC") => new() { Kind = "cron", Cron = cron, TimeZone = zone, Enabled = true };
}

/// <summary>One upstream task of the form: run this task when <see cref="Task"/> ends as <see cref="On"/> says.</summary>
public sealed class DependencyFormRow
{
    public string? Task { get; set; }
    public string? On { get; set; }
}

/// <summary>A validation message for one form field (<see cref="Field"/> null: the form as a whole). Fields are named by
/// their path in the task document: <c>schedules[1].time_zone</c>, <c>retry.attempts</c>, <c>depends_on[0].task</c>.</summary>
public sealed record FieldError(string? Field, string Message);
