using System.Text.Json.Nodes;
using Rota.Execution;
using Rota.Storage;

namespace Rota.Examples.S42;

/// <summary>
/// <c>s42-cleanup</c>: seed 004's <c>executeNightlyCleanup()</c>. Deletes crawl jobs (items) and crawl logs first seen
/// more than <c>crawl_job_retention</c> (default 30d) ago, then run history beyond each task's <c>retention</c>
/// (rota.yaml gives every task <c>max_age: 60d</c>). Stats: <c>crawl_jobs_deleted</c>, <c>crawl_logs_deleted</c>,
/// <c>runs_deleted</c>.
/// </summary>
public sealed class S42CleanupHandler(IRotaStore store) : ITaskHandler
{
    public async ValueTask<TaskOutcome> ExecuteAsync(TaskContext context)
    {
        var ct = context.CancellationToken;
        var now = context.Time.GetUtcNow();
        var cutoff = now - HandlerParameters.Duration(context.Parameters, "crawl_job_retention", TimeSpan.FromDays(30));
        var jobs = await DrainAsync(() => store.ItemPrune(new ItemPruneParams(cutoff), ct));
        var logs = await DrainAsync(() => store.CrawlLogPrune(new CrawlLogPruneParams(cutoff), ct));
        var runs = await DrainAsync(() => store.RunPrune(new RunPruneParams(now), ct));
        context.Log($"nightly cleanup: {jobs} crawl job(s) and {logs} crawl log(s) before {cutoff:O}, {runs} run(s) beyond retention deleted");
        return TaskOutcome.Success(new JsonObject { ["crawl_jobs_deleted"] = jobs, ["crawl_logs_deleted"] = logs, ["runs_deleted"] = runs });
    }

    private static async Task<int> DrainAsync(Func<Task<int>> batch)
    {
        var total = 0;
        for (var i = 0; i < 1000; i++)
        {
            var n = await batch();
            total += n;
            if (n == 0) break;
        }
        return total;
    }
}
