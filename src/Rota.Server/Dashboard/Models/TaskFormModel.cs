namespace Rota.Server.Dashboard.Models;

/// <summary>The task form's fields (bound from the POST as <c>Posted.X</c>). A subset of the task document of
/// <c>PUT /api/v1/tasks/{name}</c> with one schedule: cron (with its time zone), every, or none.</summary>
public sealed class TaskFormModel
{
    public string? Template { get; set; }
    public string? Name { get; set; }
    public string? Handler { get; set; }
    public string? Description { get; set; }
    public string? Owner { get; set; }
    /// <summary><c>cron</c>, <c>every</c> or <c>none</c> (manual runs only).</summary>
    public string? ScheduleKind { get; set; }
    public string? Cron { get; set; }
    public string? TimeZone { get; set; }
    public string? Every { get; set; }
    public string? Parameters { get; set; }
    public string? Queue { get; set; }
    public string? Timeout { get; set; }
    public string? Attempts { get; set; }
    public string? Overlap { get; set; }
    public string? Misfire { get; set; }
    public string? Tags { get; set; }
    public bool Enabled { get; set; }
    /// <summary>Fingerprint of the document the user confirmed; saving happens only when it still matches.</summary>
    public string? Checked { get; set; }
    public string? Save { get; set; }
}

/// <summary>A validation message for one form field (<see cref="Field"/> null: the form as a whole).</summary>
public sealed record FieldError(string? Field, string Message);
