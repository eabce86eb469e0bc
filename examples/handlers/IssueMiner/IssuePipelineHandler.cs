using System.Text.Json.Nodes;
using Rota.Execution;

namespace Rota.Examples.IssueMiner;

/// <summary><c>issue-pipeline</c>: the daily job and "Trigger Full Pipeline" — sync, analyze, then cluster trends,
/// in one run (parameters <c>backfill_days</c>, <c>batch_size</c>). Stats hold each step's result.</summary>
public sealed class IssuePipelineHandler(TicketLedger ledger) : ITaskHandler
{
    public async ValueTask<TaskOutcome> ExecuteAsync(TaskContext context)
    {
        var sync = await IssueMinerSteps.SyncAsync(context, ledger);
        var analyze = await IssueMinerSteps.AnalyzeAsync(context, ledger);
        var cluster = IssueMinerSteps.Cluster(context, ledger);
        return TaskOutcome.Success(new JsonObject { ["sync"] = sync, ["analyze"] = analyze, ["cluster"] = cluster });
    }
}
