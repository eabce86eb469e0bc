using Rota.Execution;

namespace Rota.Examples.IssueMiner;

/// <summary><c>cluster-trends</c>: seed 002's hourly trends job (cluster statistics, unique customer counts).</summary>
public sealed class ClusterTrendsHandler(TicketLedger ledger) : ITaskHandler
{
    public ValueTask<TaskOutcome> ExecuteAsync(TaskContext context) =>
        ValueTask.FromResult(TaskOutcome.Success(IssueMinerSteps.Cluster(context, ledger)));
}
