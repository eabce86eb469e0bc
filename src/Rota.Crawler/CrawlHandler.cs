using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Rota.Crawler.Crawling;
using Rota.Execution;
using Rota.Runs;
using Rota.Storage;

namespace Rota.Crawler;

/// <summary>
/// The built-in <c>crawl</c> handler. Parameters (all optional): <c>source_id</c> (crawl just this source),
/// <c>scope</c> (<c>due</c> default, <c>all</c>, <c>active</c>), <c>owner</c>, <c>crawl_type</c> (<c>scheduled</c>,
/// <c>manual</c>, <c>retry</c>; default from the run's trigger) and <c>fetch_page_task</c> (a task whose handler is
/// <c>fetch-page</c>: one run of it is queued per new item). Stats: seed 001's trigger summary. The run succeeds when
/// every source did, is partial when some failed or were partial, and fails (not retried: each source has its own
/// next crawl time) when every source failed.
/// </summary>
public sealed class CrawlHandler(SourceCrawler crawler, IRotaStore store) : ITaskHandler
{
    /// <summary>Per-source results kept in the run's stats, and errors in its message; crawl logs hold every one.</summary>
    public const int MaxReported = 500;

    public async ValueTask<TaskOutcome> ExecuteAsync(TaskContext context)
    {
        var request = Read(context);
        var summary = await crawler.CrawlAsync(request with { RunId = context.RunId },
            (done, total) => context.ReportProgress(total == 0 ? 100 : done * 100 / total, $"{done} of {total} sources"),
            context.CancellationToken).ConfigureAwait(false);
        var queued = 0;
        if (request.FetchPageTask is { } task && summary.Results.SelectMany(r => r.NewItemIds).ToList() is { Count: > 0 } ids)
        {
            var client = context.Services.GetService<RotaClient>() ?? new RotaClient(store, context.Time);
            queued = (await client.EnqueueManyAsync(task, [.. ids.Select(id => (JsonObject?)new JsonObject { ["item_id"] = id })],
                $"crawl:{context.RunId}", context.CancellationToken).ConfigureAwait(false)).Count;
        }
        var (items, logs) = await crawler.PruneAsync(context.CancellationToken).ConfigureAwait(false);
        summary = summary with { PagesQueued = queued };
        var stats = summary.ToJson(MaxReported);
        stats["items_pruned"] = items;
        stats["crawl_logs_pruned"] = logs;
        context.Log($"crawl: {summary.SourcesCrawled} source(s): {summary.Successful} ok, {summary.Failed} failed, {summary.Partial} partial; {summary.ItemsNew} new item(s), {queued} page fetch(es) queued");
        var errors = summary.Results.Where(r => r.Status != CrawlLogValues.Success)
            .Select(r => $"source {r.SourceId} ({r.Url}): {r.ErrorMessage ?? r.Status}").ToList();
        if (errors.Count > 20) errors = [.. errors.Take(20), $"… and {errors.Count - 20} more (see the crawl logs)"];
        if (errors.Count == 0) return TaskOutcome.Success(stats);
        if (summary.Failed == summary.SourcesCrawled)
            return TaskOutcome.Fail(new RunError("crawl.all_failed", $"crawl: all {summary.SourcesCrawled} source(s) failed; first: {errors[0]}", IsTransient: false), stats);
        return TaskOutcome.PartialSuccess(stats, errors);
    }

    private static CrawlRequest Read(TaskContext context)
    {
        var p = context.Parameters;
        var scope = Text(p, "scope") ?? "due";
        var type = Text(p, "crawl_type") ?? (context.Run.Trigger switch
        {
            RunTrigger.Schedule => CrawlLogValues.Scheduled,
            RunTrigger.Retry => CrawlLogValues.Retry,
            _ => context.Attempt > 1 ? CrawlLogValues.Retry : CrawlLogValues.Manual,
        });
        if (type is not (CrawlLogValues.Scheduled or CrawlLogValues.Manual or CrawlLogValues.Retry))
            throw Bad("crawl_type", "must be scheduled, manual or retry", type);
        return new CrawlRequest
        {
            Owner = Text(p, "owner"),
            SourceId = p["source_id"] is JsonValue v ? (v.TryGetValue<long>(out var id) ? id
                : v.TryGetValue<string>(out var s) && long.TryParse(s, System.Globalization.CultureInfo.InvariantCulture, out id) ? id
                : throw Bad("source_id", "must be a source id number", v.ToJsonString())) : null,
            Scope = scope switch
            {
                "due" => CrawlScope.Due,
                "all" => CrawlScope.All,
                "active" => CrawlScope.Active,
                _ => throw Bad("scope", "must be due, all or active", scope),
            },
            CrawlType = type,
            FetchPageTask = Text(p, "fetch_page_task"),
        };
    }

    private static string? Text(JsonObject p, string name) => p[name] switch
    {
        null => null,
        JsonValue v when v.TryGetValue<string>(out var s) => s.Length == 0 ? null : s,
        var other => throw Bad(name, "must be a string", other.ToJsonString()),
    };

    private static RotaException Bad(string name, string problem, string value) =>
        new("crawl.bad_parameters", $"crawl: parameter '{name}' {problem} (value: {value})", isTransient: false);
}
