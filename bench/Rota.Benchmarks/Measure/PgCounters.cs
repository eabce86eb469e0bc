namespace Rota.Benchmarks.Measure;

/// <summary>pg_stat_database counters of one database at one read, and how many transactions the harness's monitor
/// connection had run before that read.</summary>
internal sealed record PgCounters(long Commits, long Rollbacks, long MonitorCommands)
{
    /// <summary>Commits of the system measured since <paramref name="earlier"/>: the monitor's own (the earlier read
    /// and every query after it) are taken out.</summary>
    public long CommitsSince(PgCounters earlier) => Commits - earlier.Commits - (MonitorCommands - earlier.MonitorCommands);

    public long TransactionsSince(PgCounters earlier) => CommitsSince(earlier) + Rollbacks - earlier.Rollbacks;
}
