using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Rota.Crawler.Crawling;
using Rota.Crawler.Fetching;
using Rota.Crawler.Scheduling;
using Rota.Crawler.Sources;
using Rota.Server.Auth;
using Rota.Server.Hosting;
using Rota.Server.Problems;
using Rota.Storage;

namespace Rota.Server.Endpoints;

/// <summary><c>/api/v1/sources</c>: the caller's sources (admins: <c>?owner=</c> anyone's) — add by URL or handle (with
/// feed discovery for web pages) and optional crawl rules, read, rename or change the rules (PATCH, or PUT of the rules
/// alone), delete, crawl one now, its items (cursor pages, <c>min_quality</c> filter), and its crawl schedule (mode,
/// next crawl and why, learned weekly posting profile).</summary>
public static class SourceEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/sources").WithTags("Sources");
        g.MapGet("", List).WithName("ListSources");
        g.MapPost("", Add).WithName("AddSource");
        g.MapGet("/{id:long}", Get).WithName("GetSource");
        g.MapPatch("/{id:long}", Update).WithName("UpdateSource");
        g.MapPut("/{id:long}/rules", ReplaceRules).WithName("ReplaceSourceRules");
        g.MapDelete("/{id:long}", Delete).WithName("DeleteSource");
        g.MapPost("/{id:long}/crawl", Crawl).WithName("CrawlSource").RequireRateLimiting(RateLimits.Trigger);
        g.MapGet("/{id:long}/items", Items).WithName("ListSourceItems");
        g.MapGet("/{id:long}/schedule", GetSchedule).WithName("GetSourceSchedule");
        g.MapPut("/{id:long}/schedule", SetSchedule).WithName("SetSourceSchedule");
    }

    /// <summary>Seed 001's source types: feeds and web pages are <c>rss</c>; the rest keep their kind.</summary>
    public static string SeedType(string kind) => kind switch
    {
        "feed" or "json_feed" or "web_page" => "rss",
        _ => kind,
    };

    private static string Owner(HttpContext http)
    {
        var caller = http.Caller();
        var owner = Query.String(http.Request, "owner") ?? caller.Name;
        return caller.Owns(owner) ? owner : throw ApiProblem.Forbidden("auth: only admins may act on another user's sources");
    }

    private static async Task<IResult> List(HttpContext http, IRotaStore store)
    {
        var status = Query.String(http.Request, "status");
        if (status is not (null or SourceStatus.Pending or SourceStatus.Active or SourceStatus.Error or SourceStatus.Disabled))
            throw ApiProblem.Malformed("status", status, "expected pending, active, error or disabled");
        var sources = await store.SourceList(new SourceListParams(Owner(http), status, Limit: 10_000), http.RequestAborted);
        return Results.Ok(new { sources, count = sources.Count });
    }

    private static async Task<IResult> Get(long id, HttpContext http, IRotaStore store) => Results.Ok(await Visible(id, http, store));

    private static async Task<SourceRow> Visible(long id, HttpContext http, IRotaStore store)
    {
        var caller = http.Caller();
        return await store.SourceGet(new SourceGetParams(id, caller.IsAdmin ? null : caller.Name), http.RequestAborted)
            ?? throw ApiProblem.NotFound("source", id.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    private static async Task<IResult> Add(HttpContext http, IRotaStore store, FeedFetcher fetcher, CrawlerOptions options, TimeProvider time, Auditor audit)
    {
        var body = (await JsonBody.ReadAsync(http)).Allow("input", "url", "kind", "name", "owner", "rules");
        // Checked before anything is stored: a source with rejected rules is not added either.
        var rules = SourceRulesInput.Validate(body.Root["rules"]);
        var input = body.String("input", maxLength: 2000) ?? body.String("url", maxLength: 2000)
            ?? throw ApiProblem.Malformed("input", null, "required: a feed or page URL, or a handle such as r/dotnet or @user@instance");
        SourceKind? kind = body.String("kind", maxLength: 32) is { } k
            ? Enum.TryParse<SourceKind>(k.Replace("_", "", StringComparison.Ordinal), ignoreCase: true, out var parsed) ? parsed
                : throw ApiProblem.Invalid("kind", k, $"expected one of {string.Join(", ", Enum.GetNames<SourceKind>().Select(TextNames.ToSnake))}")
            : null;
        var caller = http.Caller();
        var owner = body.String("owner", maxLength: 64) ?? caller.Name;
        if (!caller.Owns(owner)) throw ApiProblem.Forbidden("auth: only admins may add sources for another user");
        SourceAddResult added;
        try
        {
            added = await new SourceRegistrar(store, fetcher, options, time).AddAsync(input, kind, body.String("name", maxLength: 200), owner, http.RequestAborted);
        }
        catch (RotaException ex) when (!ex.Code.StartsWith("store.", StringComparison.Ordinal))
        {
            throw new ApiProblem(422, ex.Code, ex.Message, "input", input);
        }
        var row = added.Source;
        if (rules is not null)
            row = await store.SourceSetRules(new SourceSetRulesParams(row.Id, rules, time.GetUtcNow()), http.RequestAborted) ?? row;
        await audit.RecordAsync(http, "source.add", $"source:{row.Id}", new JsonObject { ["url"] = row.Url, ["created"] = added.Created, ["rules"] = rules is not null });
        return added.Created ? Results.Created($"/api/v1/sources/{row.Id}", row) : Results.Ok(row);
    }

    /// <summary>PATCH: <c>name</c> renames, <c>rules</c> replaces the crawl rules (null or {} clears them); absent fields stay.</summary>
    private static async Task<IResult> Update(long id, HttpContext http, IRotaStore store, TimeProvider time, Auditor audit)
    {
        var body = (await JsonBody.ReadAsync(http)).Allow("name", "rules");
        var name = body.String("name", maxLength: 200);
        if (name is not null && name.Trim().Length == 0) throw ApiProblem.Invalid("name", name, "must not be empty");
        var setRules = body.Root.ContainsKey("rules");
        var rules = SourceRulesInput.Validate(body.Root["rules"]);
        var source = await Visible(id, http, store);
        if (name is not null && name != source.Name)
            source = await store.SourceUpsert(new SourceUpsertParams(source.Owner, name.Trim(), source.Kind, source.Input, source.Url, source.NormalizedUrl,
                source.PollIntervalSeconds, time.GetUtcNow()), http.RequestAborted);
        if (setRules) source = await SetRulesAsync(source, rules, http, store, time, audit);
        else if (name is not null) await audit.RecordAsync(http, "source.update", $"source:{id}", new JsonObject { ["name"] = source.Name });
        return Results.Ok(source);
    }

    /// <summary>PUT the rules object itself ({} clears them).</summary>
    private static async Task<IResult> ReplaceRules(long id, HttpContext http, IRotaStore store, TimeProvider time, Auditor audit)
    {
        var body = await JsonBody.ReadAsync(http);
        var rules = SourceRulesInput.Validate(body.Root, "body");
        var source = await Visible(id, http, store);
        return Results.Ok(await SetRulesAsync(source, rules, http, store, time, audit));
    }

    private static async Task<SourceRow> SetRulesAsync(SourceRow source, JsonObject? rules, HttpContext http, IRotaStore store, TimeProvider time, Auditor audit)
    {
        var updated = await store.SourceSetRules(new SourceSetRulesParams(source.Id, rules, time.GetUtcNow(), source.Owner), http.RequestAborted)
            ?? throw ApiProblem.NotFound("source", source.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await audit.RecordAsync(http, "source.rules", $"source:{source.Id}", new JsonObject { ["rules"] = rules?.DeepClone() });
        return updated;
    }

    private static async Task<IResult> Delete(long id, HttpContext http, IRotaStore store, Auditor audit)
    {
        var source = await Visible(id, http, store);
        await store.SourceDelete(new SourceDeleteParams(id, source.Owner), http.RequestAborted);
        await audit.RecordAsync(http, "source.delete", $"source:{id}", new JsonObject { ["url"] = source.Url });
        return Results.NoContent();
    }

    private static async Task<IResult> Crawl(long id, HttpContext http, IRotaStore store, SourceCrawler crawler, Auditor audit)
    {
        var source = await Visible(id, http, store);
        var summary = await crawler.CrawlAsync(new CrawlRequest { Owner = source.Owner, SourceId = id, Scope = CrawlScope.All, CrawlType = CrawlLogValues.Manual },
            ct: http.RequestAborted);
        await audit.RecordAsync(http, "source.crawl", $"source:{id}");
        return Results.Ok(summary.ToJson());
    }

    private static async Task<IResult> Items(long id, HttpContext http, IRotaStore store)
    {
        await Visible(id, http, store);
        var limit = Query.Int(http.Request, "limit", 50, 1, 500);
        int? minQuality = Query.String(http.Request, "min_quality") is null ? null : Query.Int(http.Request, "min_quality", 0, 0, 100);
        var items = await store.ItemList(new ItemListParams(id, Query.Long(http.Request, "cursor"), limit, minQuality), http.RequestAborted);
        return Results.Ok(new { items, next_cursor = items.Count == limit ? items[^1].Id.ToString(System.Globalization.CultureInfo.InvariantCulture) : null });
    }

    private static async Task<IResult> GetSchedule(long id, HttpContext http, IRotaStore store, CrawlerOptions options, TimeProvider time) =>
        Results.Ok(await new SourceSchedules(store, options, time).DescribeAsync(await Visible(id, http, store), http.RequestAborted));

    private static async Task<IResult> SetSchedule(long id, HttpContext http, IRotaStore store, CrawlerOptions options, TimeProvider time, Auditor audit)
    {
        var body = (await JsonBody.ReadAsync(http)).Allow("mode", "interval");
        var modeText = body.String("mode", required: true, maxLength: 32);
        var intervalText = body.String("interval", maxLength: 32);
        var (mode, interval, field, error) = SourceSchedules.Parse(modeText, intervalText, options);
        if (field is not null) throw ApiProblem.Invalid(field, field == "mode" ? modeText : intervalText, error!);
        var source = await Visible(id, http, store);
        var schedules = new SourceSchedules(store, options, time);
        var updated = await schedules.SetAsync(source, mode, interval, http.RequestAborted)
            ?? throw ApiProblem.NotFound("source", id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await audit.RecordAsync(http, "source.schedule", $"source:{id}", new JsonObject { ["mode"] = modeText, ["interval"] = intervalText });
        return Results.Ok(await schedules.DescribeAsync(updated, http.RequestAborted));
    }
}
