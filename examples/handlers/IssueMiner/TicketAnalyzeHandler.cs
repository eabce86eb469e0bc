using Rota.Execution;

namespace Rota.Examples.IssueMiner;

/// <summary><c>ticket-analyze</c>: seed 002's "Trigger Analysis" (parameter <c>batch_size</c>).</summary>
public sealed class TicketAnalyzeHandler(TicketLedger ledger) : ITaskHandler
{
    public async ValueTask<TaskOutcome> ExecuteAsync(TaskContext context) =>
        TaskOutcome.Success(await IssueMinerSteps.AnalyzeAsync(context, ledger));
}
