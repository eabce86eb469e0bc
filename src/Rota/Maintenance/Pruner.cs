using Microsoft.Extensions.Logging;
using Rota.Storage;

namespace Rota.Maintenance;

/// <summary>Deletes run history beyond each task's retention (keep N succeeded, N failed, max age), in batches.
/// Leadership is checked again before every batch (<paramref name="mayPrune"/>); a prune by two nodes at once would
/// delete the same rows, so a stale leader's batch in flight is harmless.</summary>
internal sealed partial class Pruner(IRotaStore store, TimeProvider time, Func<bool> mayPrune, ILogger logger)
{
    public async Task<int> PruneAsync(CancellationToken ct)
    {
        var total = 0;
        for (var i = 0; i < 100 && mayPrune(); i++)
        {
            var n = await store.RunPrune(new RunPruneParams(time.GetUtcNow()), ct).ConfigureAwait(false);
            total += n;
            if (n == 0) break;
        }
        if (total > 0) LogPruned(total);
        return total;
    }

    [LoggerMessage(EventId = 3101, Level = LogLevel.Information, Message = "pruner: deleted {Count} runs beyond retention")]
    private partial void LogPruned(int count);
}
