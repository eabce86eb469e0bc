using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Rota.Crawler.Crawling;
using Rota.Server.Auth;
using Rota.Server.Hosting;
using Rota.Server.Problems;
using Rota.Storage;

namespace Rota.Server.Endpoints;

/// <summary>Seed 001's routes, field for field and scoped to the calling user: <c>POST /api/v1/crawl/trigger</c> (crawls
/// the caller's sources now, or one with <c>source_id</c>, and answers with the summary), <c>GET /api/v1/crawl/logs</c>,
/// <c>GET /api/v1/crawl/stats</c>, <c>GET /api/v1/crawl/status</c>.</summary>
public static class CrawlEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/crawl").WithTags("Seed 001 crawl");
        g.MapPost("/trigger", Trigger).WithName("CrawlTrigger").RequireRateLimiting(RateLimits.Trigger);
        g.MapGet("/logs", Logs).WithName("CrawlLogs");
        g.MapGet("/stats", Stats).WithName("CrawlStats");
        g.MapGet("/status", Status).WithName("CrawlStatus");
    }

    private static async Task<IResult> Trigger(HttpContext http, SourceCrawler crawler, IRotaStore store, Auditor audit, Live.EventHub events)
    {
        var caller = http.Caller();
        var body = (await JsonBody.ReadAsync(http)).Allow("source_id");
        long? sourceId = body.Root.ContainsKey("source_id") ? body.Int("source_id", 1, int.MaxValue) : Query.Long(http.Request, "source_id");
        if (sourceId is { } id && await store.SourceGet(new SourceGetParams(id, caller.Name), http.RequestAborted) is null)
            throw ApiProblem.NotFound("source", id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var summary = await crawler.CrawlAsync(new CrawlRequest
        {
            Owner = caller.Name, SourceId = sourceId, Scope = CrawlScope.All, CrawlType = CrawlLogValues.Manual,
        }, ct: http.RequestAborted);
        await audit.RecordAsync(http, "crawl.trigger", sourceId is { } s ? $"source:{s}" : "sources", new System.Text.Json.Nodes.JsonObject { ["sources_crawled"] = summary.SourcesCrawled });
        foreach (var r in summary.Results)
            events.Publish("source.status_changed", caller.Name, new System.Text.Json.Nodes.JsonObject { ["source_id"] = r.SourceId, ["status"] = r.SourceStatus, ["crawl_status"] = r.Status });
        var json = summary.ToJson(500);
        json["message"] = "Manual crawl completed";
        return Results.Ok(json);
    }

    private static async Task<IResult> Logs(HttpContext http, IRotaStore store)
    {
        var status = Query.String(http.Request, "status");
        if (status is not (null or CrawlLogValues.Started or CrawlLogValues.Success or CrawlLogValues.Failed or CrawlLogValues.Partial))
            throw ApiProblem.Malformed("status", status, "expected started, success, failed or partial");
        var logs = await store.CrawlLogList(new CrawlLogListParams(http.Caller().Name, Query.Long(http.Request, "source_id"), status,
            Query.Long(http.Request, "before_id"), Query.Int(http.Request, "limit", 50, 1, 500)), http.RequestAborted);
        return Results.Ok(new { logs = logs.Select(LogJson), count = logs.Count });
    }

    internal static object LogJson(CrawlLogRow l) => new
    {
        id = l.Id, source_id = l.SourceId, run_id = l.RunId, crawl_type = l.CrawlType, status = l.Status, items_fetched = l.ItemsFetched,
        items_new = l.ItemsNew, error_message = l.ErrorMessage, error_details = l.ErrorDetails, duration_ms = l.DurationMs,
        started_at = l.StartedAt, completed_at = l.CompletedAt, metadata = l.Metadata,
    };

    private static async Task<IResult> Stats(HttpContext http, IRotaStore store)
    {
        var s = await store.CrawlLogStats(new CrawlLogStatsParams(http.Caller().Name), http.RequestAborted);
        return Results.Ok(new
        {
            total_crawls = s.TotalCrawls, successful = s.Successful, failed = s.Failed, partial = s.Partial, total_items_fetched = s.TotalItemsFetched,
            total_items_new = s.TotalItemsNew, last_crawl_at = s.LastCrawlAt, avg_duration_ms = s.AvgDurationMs, success_rate = s.SuccessRate,
        });
    }

    private static async Task<IResult> Status(HttpContext http, IRotaStore store)
    {
        var owner = http.Caller().Name;
        var sources = await store.SourceList(new SourceListParams(owner, Limit: 10_000), http.RequestAborted);
        var latest = (await store.CrawlLogList(new CrawlLogListParams(owner, Limit: 500), http.RequestAborted))
            .Where(l => l.SourceId is not null).GroupBy(l => l.SourceId!.Value).ToDictionary(g => g.Key, g => g.First());
        var list = new List<object>();
        foreach (var s in sources)
        {
            var log = latest.GetValueOrDefault(s.Id) ?? (await store.CrawlLogList(new CrawlLogListParams(owner, s.Id, Limit: 1), http.RequestAborted)).FirstOrDefault();
            list.Add(new
            {
                id = s.Id, name = s.Name, type = SourceEndpoints.SeedType(s.Kind), status = s.Status, last_crawled_at = s.LastCrawledAt,
                error_message = s.ErrorMessage, latest_crawl = log is null ? null : LogJson(log),
            });
        }
        return Results.Ok(new
        {
            sources = list, total = sources.Count,
            active = sources.Count(s => s.Status == SourceStatus.Active), error = sources.Count(s => s.Status == SourceStatus.Error),
        });
    }
}
