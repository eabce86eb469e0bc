namespace Rota.Scheduling;

/// <summary>One upcoming fire: the instant, the zone's wall clock, and a DST note when the transition affects it.</summary>
public sealed record FireTime(DateTimeOffset Utc, DateTimeOffset Local, string? Note);
