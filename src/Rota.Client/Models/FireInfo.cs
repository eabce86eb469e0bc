namespace Rota.Client.Models;

/// <summary>One upcoming fire: UTC, wall time in the schedule's zone, a DST note; <see cref="Schedule"/> is set for task fires.</summary>
public sealed record FireInfo(DateTimeOffset Utc, DateTimeOffset Local, string? Note, string? Schedule = null);
