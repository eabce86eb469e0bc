using Microsoft.Extensions.Logging;
using Rota.Storage;

namespace Rota.Maintenance;

/// <summary>Puts back runs whose node died: retried when attempts remain, otherwise marked abandoned.</summary>
/// <remarks>In a cluster the rescue is fenced by <paramref name="term"/>: it does nothing unless this node still holds
/// that leadership term (checked in the statement), so a deposed leader cannot rescue runs a new leader manages.</remarks>
internal sealed partial class Rescuer(IRotaStore store, RotaOptions options, TimeProvider time, Func<long?> term, ILogger logger)
{
    /// <param name="startup">On a single-node store's start, every run held by another process is orphaned.</param>
    public async Task<IReadOnlyList<RunRescueResult>> RescueAsync(bool startup, CancellationToken ct)
    {
        var rescued = await store.RunRescue(new RunRescueParams(time.GetUtcNow(), options.NodeName,
            AllOtherNodes: startup && options.SingleNode, RetryDelay: TimeSpan.Zero, Term: term()), ct).ConfigureAwait(false);
        foreach (var r in rescued) LogRescued(r.RunId, r.Attempt, r.NewStatus.ToString());
        return rescued;
    }

    [LoggerMessage(EventId = 3001, Level = LogLevel.Warning, Message = "rescuer: run {RunId} was orphaned on attempt {Attempt}; now {Status}")]
    private partial void LogRescued(long runId, int attempt, string status);
}
