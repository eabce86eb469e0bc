using System.Text.Json.Nodes;
using Rota.Execution;
using Rota.Storage;

namespace Rota.Handlers;

/// <summary>
/// The <c>cleanup</c> handler: prunes run history beyond every task's retention (keep N succeeded, N failed, max age).
/// Stats: <c>runs_deleted</c>. No parameters.
/// </summary>
public sealed class CleanupTaskHandler(IRotaStore store) : ITaskHandler
{
    public async ValueTask<TaskOutcome> ExecuteAsync(TaskContext context)
    {
        var total = 0;
        for (var batch = 0; batch < 1000; batch++)
        {
            context.CancellationToken.ThrowIfCancellationRequested();
            var n = await store.RunPrune(new RunPruneParams(context.Time.GetUtcNow()), context.CancellationToken).ConfigureAwait(false);
            total += n;
            context.ReportProgress(null, $"deleted {total} runs");
            if (n == 0) break;
        }
        context.Log($"cleanup: deleted {total} runs beyond retention");
        return TaskOutcome.Success(new JsonObject { ["runs_deleted"] = total });
    }
}
