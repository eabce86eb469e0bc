using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Rota.Execution;
using Rota.Storage;

namespace Rota.Examples.S42;

/// <summary>
/// <c>crawl-queue</c>: seed 004's <c>executeQueueJobs()</c>. A crawl job is an item whose page has not been fetched;
/// each cycle enqueues at most <c>limit</c> (default 100) of them, oldest first, as runs of <c>job_task</c> (default
/// <c>crawl-job</c>, handler <c>fetch-page</c>) keyed <c>crawl-job:ITEM</c>, so a job already enqueued is never enqueued
/// twice. The rest wait for the next cycle. Stats: <c>jobs_enqueued</c>, <c>jobs_already_enqueued</c>, <c>jobs_remaining</c>.
/// </summary>
public sealed class CrawlQueueHandler(IRotaStore store) : ITaskHandler
{
    public async ValueTask<TaskOutcome> ExecuteAsync(TaskContext context)
    {
        var limit = HandlerParameters.Int(context.Parameters, "limit", 100, 1, 10_000);
        var jobTask = HandlerParameters.Text(context.Parameters, "job_task") ?? "crawl-job";
        var client = context.Services.GetRequiredService<RotaClient>();
        var pending = await PendingJobsAsync(context.CancellationToken);
        int enqueued = 0, already = 0;
        foreach (var itemId in pending)
        {
            if (enqueued == limit) break;
            var result = await client.TriggerAsync(new TriggerRequest(jobTask, new JsonObject { ["item_id"] = itemId }, $"crawl-queue:{context.RunId}",
                IdempotencyKey: $"crawl-job:{itemId}", IgnoreOverlap: true), context.CancellationToken);
            if (result.Duplicate) already++;
            else enqueued++;
        }
        var remaining = pending.Count - enqueued - already;
        context.Log($"queue processor: {enqueued} crawl job(s) enqueued (limit {limit}), {already} already enqueued, {remaining} left for the next cycle");
        return TaskOutcome.Success(new JsonObject { ["limit"] = limit, ["jobs_enqueued"] = enqueued, ["jobs_already_enqueued"] = already, ["jobs_remaining"] = remaining });
    }

    /// <summary>Ids of items without a fetched page, oldest first.</summary>
    private async Task<List<long>> PendingJobsAsync(CancellationToken ct)
    {
        var ids = new List<long>();
        foreach (var source in await store.SourceList(new SourceListParams(), ct))
        {
            long? before = null;
            while (true)
            {
                var page = await store.ItemList(new ItemListParams(source.Id, before, 500), ct);
                ids.AddRange(page.Where(i => i.PageFetchedAt is null).Select(i => i.Id));
                if (page.Count < 500) break;
                before = page[^1].Id;
            }
        }
        ids.Sort();
        return ids;
    }
}
