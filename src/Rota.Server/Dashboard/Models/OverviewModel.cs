namespace Rota.Server.Dashboard.Models;

/// <summary>The overview's numbers: seed 004's six cards plus live load, the runs chart (24 hourly or 7 daily bars), and
/// the newest runs for the duration/lateness chart.</summary>
public sealed record OverviewModel(int TotalTasks, int EnabledTasks, long Runs, long Succeeded, long Failed, long Last24h,
    int RunningNow, int QueueDepth, int Nodes, IReadOnlyList<ChartBucket> Chart, IReadOnlyList<Rota.Runs.RunRecord> RecentRuns);
