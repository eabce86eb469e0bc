using Rota.Execution;

namespace Rota.Examples.IssueMiner;

/// <summary><c>ticket-sync</c>: seed 002's "Trigger Sync" (parameter <c>backfill_days</c>).</summary>
public sealed class TicketSyncHandler(TicketLedger ledger) : ITaskHandler
{
    public async ValueTask<TaskOutcome> ExecuteAsync(TaskContext context) =>
        TaskOutcome.Success(await IssueMinerSteps.SyncAsync(context, ledger));
}
