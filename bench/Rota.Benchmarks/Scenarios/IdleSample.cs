namespace Rota.Benchmarks.Scenarios;

/// <summary>One idle run of one system: CPU over the window (per node), RSS and threads at its end (this process),
/// fires seen (should be 0), and for PostgreSQL systems the database's transactions (commits + rollbacks) and commits
/// per minute per node over the window and the SQL commands the system sent per minute per node, counted client-side
/// by Npgsql's meter in this process (its one node; NaN for embedded stores).</summary>
internal sealed record IdleSample(double CpuPercent, double CpuSeconds, double WindowSeconds, double RssMiB, int Threads, int Fires,
    double PgTransactionsPerMinute = double.NaN, double PgCommitsPerMinute = double.NaN, double PgCommandsPerMinute = double.NaN);
