namespace Rota.Benchmarks.Systems;

/// <summary>What the recurring schedules of a scenario do; each system writes it in its own cron dialect.</summary>
internal enum ScheduleKind
{
    /// <summary>Fires every second (precision).</summary>
    EverySecond,
    /// <summary>Fires at midnight on the 1st of a month about half a year away: never during a run (idle).</summary>
    Never,
}
