using System.Text.Json.Nodes;
using Rota.Crawler.Crawling;
using Rota.Execution;
using Rota.Runs;
using Rota.Storage;

namespace Rota.Examples.S42;

/// <summary>
/// <c>org-rss-fetch</c>: seed 004's <c>executeHourlyRssFetch()</c>. Takes every source that is not disabled, groups
/// them by owner (an owner is an organisation), crawls each organisation's feeds with Rota's crawler, and counts the
/// crawl jobs created — one per new item, waiting for its page to be fetched by <c>crawl-queue</c>.
/// Stats: <c>orgs</c> (per organisation: feeds fetched / failed, jobs created), <c>feeds_fetched</c>, <c>jobs_created</c>.
/// </summary>
public sealed class OrgRssFetchHandler(SourceCrawler crawler, IRotaStore store) : ITaskHandler
{
    public async ValueTask<TaskOutcome> ExecuteAsync(TaskContext context)
    {
        var sources = await store.SourceList(new SourceListParams(), context.CancellationToken);
        var orgs = sources.Where(s => s.Status != SourceStatus.Disabled).Select(s => s.Owner).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var crawlType = context.Run.Trigger == RunTrigger.Schedule ? CrawlLogValues.Scheduled : CrawlLogValues.Manual;
        var perOrg = new JsonArray();
        int feeds = 0, failed = 0, jobs = 0;
        var errors = new List<string>();
        for (var i = 0; i < orgs.Count; i++)
        {
            context.ReportProgress(i * 100 / orgs.Count, $"organisation {i + 1} of {orgs.Count}: {orgs[i]}");
            var summary = await crawler.CrawlAsync(new CrawlRequest { Owner = orgs[i], Scope = CrawlScope.All, CrawlType = crawlType, RunId = context.RunId },
                ct: context.CancellationToken);
            perOrg.Add(new JsonObject
            {
                ["org"] = orgs[i], ["feeds_fetched"] = summary.SourcesCrawled, ["feeds_failed"] = summary.Failed, ["jobs_created"] = summary.ItemsNew,
            });
            feeds += summary.SourcesCrawled;
            failed += summary.Failed;
            jobs += summary.ItemsNew;
            errors.AddRange(summary.Results.Where(r => r.Status == CrawlLogValues.Failed).Select(r => $"{orgs[i]}: {r.Url}: {r.ErrorMessage}"));
        }
        context.Log($"hourly rss fetch: {orgs.Count} organisation(s), {feeds} feed(s), {jobs} crawl job(s) created, {failed} feed(s) failed");
        var stats = new JsonObject { ["orgs"] = perOrg, ["feeds_fetched"] = feeds, ["feeds_failed"] = failed, ["jobs_created"] = jobs };
        return errors.Count == 0 ? TaskOutcome.Success(stats) : TaskOutcome.PartialSuccess(stats, errors);
    }
}
