using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Rota.Crawler.Crawling;
using Rota.Crawler.Fetching;
using Rota.Crawler.Sources;
using Rota.Server.Auth;
using Rota.Server.Live;
using Rota.Storage;

namespace Rota.Server.Dashboard;

/// <summary>The dashboard's source changes — add (after the discovery preview), crawl now, delete, OPML import — with the
/// same owner rules, registrar, crawler and audit entries as <c>/api/v1/sources</c>.</summary>
public sealed class SourceActions(IRotaStore store, SourceReader reader, FeedFetcher fetcher, CrawlerOptions options, TimeProvider time,
    SourceCrawler crawler, Auditor audit, EventHub events, DashboardTriggerLimiter limiter)
{
    public const string DeleteSource = "source-delete";
    public const string CrawlSource = "source-crawl";

    public static bool IsSourceAction(string? action) => action is DeleteSource or CrawlSource;

    private SourceRegistrar Registrar => new(store, fetcher, options, time);

    /// <summary>Deletes or crawls a visible source; null when the caller cannot see it (404).</summary>
    public async Task<ActionOutcome?> PerformAsync(HttpContext http, string action, long? sourceId)
    {
        var caller = http.Caller();
        var source = sourceId is { } id ? await reader.SourceAsync(caller, id, http.RequestAborted) : null;
        if (source is null) return null;
        var target = "source:" + source.Id.ToString(CultureInfo.InvariantCulture);
        if (action == DeleteSource)
        {
            await store.SourceDelete(new SourceDeleteParams(source.Id, source.Owner), http.RequestAborted);
            await audit.RecordAsync(http, "source.delete", target, new JsonObject { ["url"] = source.Url, ["via"] = "dashboard" });
            return new ActionOutcome("/sources", $"Source '{source.Name}' deleted with its items.", null);
        }
        var page = "/sources/" + source.Id.ToString(CultureInfo.InvariantCulture);
        if (!limiter.TryAcquire(caller)) return limiter.Refusal(page);
        var summary = await crawler.CrawlAsync(new CrawlRequest { Owner = source.Owner, SourceId = source.Id, Scope = CrawlScope.All, CrawlType = CrawlLogValues.Manual },
            ct: http.RequestAborted);
        await audit.RecordAsync(http, "source.crawl", target, new JsonObject { ["via"] = "dashboard" });
        var result = summary.Results.FirstOrDefault();
        if (result is not null)
            events.Publish("source.status_changed", source.Owner, new JsonObject { ["source_id"] = source.Id, ["status"] = result.SourceStatus, ["crawl_status"] = result.Status });
        return result is null || result.Status == CrawlLogValues.Failed
            ? new ActionOutcome(page, null, $"Crawl of '{source.Name}' failed: {result?.ErrorMessage ?? "nothing was crawled"}")
            : new ActionOutcome(page, $"Crawled '{source.Name}': {summary.ItemsNew} new item(s).", null);
    }

    /// <summary>Adds the confirmed feed for <paramref name="owner"/> (the caller, or anyone for admins).</summary>
    public async Task<ActionOutcome> AddAsync(HttpContext http, string input, SourceKind? kind, string? name, string owner)
    {
        var caller = http.Caller();
        if (!caller.Owns(owner)) return new ActionOutcome("/sources/add", null, "Only admins may add sources for another user.");
        SourceAddResult added;
        try
        {
            added = await Registrar.AddAsync(input, kind, name, owner, http.RequestAborted);
        }
        catch (RotaException ex) when (!ex.Code.StartsWith("store.", StringComparison.Ordinal))
        {
            return new ActionOutcome("/sources/add?input=" + Uri.EscapeDataString(input), null, ex.Message);
        }
        await audit.RecordAsync(http, "source.add", $"source:{added.Source.Id}", new JsonObject { ["url"] = added.Source.Url, ["created"] = added.Created, ["via"] = "dashboard" });
        var page = "/sources/" + added.Source.Id.ToString(CultureInfo.InvariantCulture);
        return added.Created
            ? new ActionOutcome(page, $"Source '{added.Source.Name}' added; it is crawled on the next crawl run.", null)
            : new ActionOutcome(page, $"You already have this feed as '{added.Source.Name}'; nothing was added.", null);
    }

    /// <summary>Replaces a visible source's crawl rules with the JSON typed in its page's form (blank or {} clears them);
    /// refused with every validation error listed. Null when the caller cannot see the source (404).</summary>
    public async Task<ActionOutcome?> SetRulesAsync(HttpContext http, long sourceId, string text)
    {
        var source = await reader.SourceAsync(http.Caller(), sourceId, http.RequestAborted);
        if (source is null) return null;
        var page = "/sources/" + source.Id.ToString(CultureInfo.InvariantCulture);
        var (json, errors) = Rota.Crawler.Rules.SourceRulesReader.Parse(text);
        if (errors.Count == 0 && json is { Count: > 0 }) errors = Rota.Crawler.Rules.SourceRulesReader.Read(json).Errors;
        if (errors.Count > 0)
            return new ActionOutcome($"{page}?draft={Uri.EscapeDataString(text.Length <= 4000 ? text : "")}", null,
                $"The rules were not saved: {string.Join("; ", errors)}");
        var rules = json is { Count: > 0 } ? json : null;
        await store.SourceSetRules(new SourceSetRulesParams(source.Id, rules, time.GetUtcNow(), source.Owner), http.RequestAborted);
        await audit.RecordAsync(http, "source.rules", "source:" + source.Id.ToString(CultureInfo.InvariantCulture),
            new JsonObject { ["rules"] = rules?.DeepClone(), ["via"] = "dashboard" });
        return new ActionOutcome(page, rules is null ? $"Crawl rules of '{source.Name}' cleared." : $"Crawl rules of '{source.Name}' saved; they apply from the next crawl.", null);
    }

    /// <summary>Imports an OPML file for <paramref name="owner"/>.</summary>
    public async Task<ActionOutcome> ImportAsync(HttpContext http, Stream opml, string owner)
    {
        if (!http.Caller().Owns(owner)) return new ActionOutcome("/sources", null, "Only admins may import sources for another user.");
        OpmlImportResult result;
        try
        {
            result = await Registrar.ImportOpmlAsync(opml, owner, http.RequestAborted);
        }
        catch (RotaException ex) when (!ex.Code.StartsWith("store.", StringComparison.Ordinal))
        {
            return new ActionOutcome("/sources", null, "The OPML file could not be read: " + ex.Message);
        }
        await audit.RecordAsync(http, "source.import", "sources", new JsonObject { ["added"] = result.Added, ["existing"] = result.Existing, ["via"] = "dashboard" });
        var text = $"OPML imported: {result.Added} added, {result.Existing} already there" + (result.Invalid.Count > 0 ? $", {result.Invalid.Count} skipped ({result.Invalid[0]})" : ".");
        return new ActionOutcome("/sources", text, null);
    }

    /// <summary>The caller's sources (admins: everyone's) as an OPML document.</summary>
    public async Task<byte[]> ExportAsync(Caller caller, CancellationToken ct)
    {
        var outlines = await Registrar.ExportOpmlAsync(caller.OwnerScope, ct);
        using var buffer = new MemoryStream();
        Rota.Crawler.Opml.OpmlDocument.Write(buffer, outlines, $"Rota sources of {caller.Name}", time.GetUtcNow());
        return buffer.ToArray();
    }
}
