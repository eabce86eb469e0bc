using System.Text.Json.Nodes;
using Rota.Execution;

namespace Rota.Examples.IssueMiner;

/// <summary>The three steps of seed 002's pipeline as plain methods, shared by the single-step handlers and the
/// pipeline handler. Work is simulated: <c>delay_per_day</c> / <c>delay_per_batch</c> stand in for API latency.</summary>
public static class IssueMinerSteps
{
    public const int DefaultBatchSize = 500;

    /// <summary>Syncs <c>backfill_days</c> days of tickets (default 1: the incremental daily sync).</summary>
    public static async Task<JsonObject> SyncAsync(TaskContext context, TicketLedger ledger)
    {
        var p = context.Parameters;
        var days = HandlerParameters.Int(p, "backfill_days", 1, 1, 365);
        var perDay = HandlerParameters.Int(p, "tickets_per_day", 20, 0, 100_000);
        var delay = HandlerParameters.Duration(p, "delay_per_day", TimeSpan.Zero);
        for (var day = 1; day <= days; day++)
        {
            context.ReportProgress((day - 1) * 100 / days, $"Syncing tickets from Zendesk (day {day} of {days})...");
            if (delay > TimeSpan.Zero) await Task.Delay(delay, context.Time, context.CancellationToken);
            ledger.AddSynced(perDay);
        }
        context.Log($"sync: {days * perDay} ticket(s) over {days} day(s)");
        return new JsonObject { ["backfill_days"] = days, ["tickets_synced"] = days * perDay };
    }

    /// <summary>Analyzes up to <c>batch_size</c> unprocessed tickets (default 500).</summary>
    public static async Task<JsonObject> AnalyzeAsync(TaskContext context, TicketLedger ledger)
    {
        var p = context.Parameters;
        var batch = HandlerParameters.Int(p, "batch_size", DefaultBatchSize, 1, 10_000);
        var delay = HandlerParameters.Duration(p, "delay_per_batch", TimeSpan.Zero);
        context.ReportProgress(null, $"Analyzing tickets (batch size: {batch})...");
        if (delay > TimeSpan.Zero) await Task.Delay(delay, context.Time, context.CancellationToken);
        var analyzed = ledger.TakeForAnalysis(batch);
        context.Log($"analyze: {analyzed} ticket(s), {ledger.Pending} still pending");
        return new JsonObject { ["batch_size"] = batch, ["tickets_analyzed"] = analyzed, ["tickets_pending"] = ledger.Pending };
    }

    /// <summary>Clusters newly analyzed tickets and refreshes trend counts (the seed's "future" clustering service).</summary>
    public static JsonObject Cluster(TaskContext context, TicketLedger ledger)
    {
        context.ReportProgress(null, "Updating cluster trends...");
        var clustered = ledger.TakeForClustering();
        return new JsonObject { ["tickets_clustered"] = clustered, ["clusters_updated"] = clustered == 0 ? 0 : 1 + clustered / 50 };
    }
}
