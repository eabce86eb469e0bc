namespace Rota.Cli.Commands;

/// <summary>A schedule's next fires: UTC, wall time in its zone, a DST note.</summary>
public sealed record ScheduleFires(ScheduleView Schedule, IReadOnlyList<(DateTimeOffset Utc, DateTimeOffset Local, string? Note)> Next);
