using System.Text.Json.Nodes;
using Rota.Cli.Commands;
using Rota.Crawler.Rules;
using Rota.Server.Endpoints;
using Rota.Client.Models;
using Rota.Crawler.Crawling;
using Rota.Crawler.Scheduling;
using Rota.Crawler.Sources;
using Rota.Storage;
using CrawlStats = Rota.Client.Models.CrawlStats;

namespace Rota.Cli.Backends;

public sealed partial class LocalBackend
{
    public async Task<SourceAddView> AddSourceAsync(SourceRequest request, bool allowLoopback, CancellationToken ct)
    {
        using var setup = new CrawlerSetup(store, time, crawlerOptions(), allowLoopback);
        SourceKind? kind = request.Kind is { } k ? Enum.Parse<SourceKind>(k.Replace("_", "", StringComparison.Ordinal), ignoreCase: true) : null;
        var rules = request.Rules is null ? null : ValidRules(request.Rules);
        var result = await setup.Registrar.AddAsync(request.Input, kind, request.Name, request.Owner, ct);
        var row = rules is null ? result.Source
            : await store.SourceSetRules(new SourceSetRulesParams(result.Source.Id, rules, time.GetUtcNow()), ct) ?? result.Source;
        return new SourceAddView(result.Created, result.DiscoveredFrom, SourceView.Of(row));
    }

    public async Task<SourceInfo> GetSourceAsync(long id, string? owner, CancellationToken ct) =>
        Info(await store.SourceGet(new SourceGetParams(id, owner), ct) ?? throw SourceNotFound(id));

    public async Task<SourceInfo> SetSourceRulesAsync(long id, string? owner, JsonObject? rules, CancellationToken ct)
    {
        var valid = rules is null ? null : ValidRules(rules);
        return Info(await store.SourceSetRules(new SourceSetRulesParams(id, valid, time.GetUtcNow(), owner), ct) ?? throw SourceNotFound(id));
    }

    public async Task<IReadOnlyList<ItemInfo>> ListSourceItemsAsync(long id, string? owner, int? minQuality, int limit, CancellationToken ct)
    {
        if (await store.SourceGet(new SourceGetParams(id, owner), ct) is null) throw SourceNotFound(id);
        return [.. (await store.ItemList(new ItemListParams(id, Limit: limit, MinQuality: minQuality), ct)).Select(i => new ItemInfo(i.Id, i.SourceId,
            i.Url, i.Title, i.Author, i.Summary, i.Content, i.PublishedAt, i.FetchedAt, i.Categories, i.Enclosures, i.PageStatus, i.PageUrl,
            i.PageTitle, i.PageText, i.PageFetchedAt, i.Quality, i.QualitySignals))];
    }

    /// <summary>The rules to store (an empty object: none), or <c>source.invalid_rules</c> listing every error as the API does.</summary>
    private static JsonObject? ValidRules(JsonObject rules)
    {
        if (rules.Count == 0) return null;
        var (_, errors) = SourceRulesReader.Read(rules);
        return errors.Count == 0 ? rules
            : throw new RotaException(SourceRulesInput.InvalidCode, $"rules: {errors.Count} problem(s): {string.Join("; ", errors)}", isTransient: false);
    }

    private static SourceInfo Info(SourceRow s) => new(s.Id, s.Owner, s.Name, s.Kind, s.Input, s.Url, s.Status, s.ErrorMessage, s.ErrorCode,
        s.ErrorTransient, s.ErrorSince, s.ConsecutiveErrors, s.LastCrawledAt, s.LastAttemptAt, s.NextCrawlAt, s.PollIntervalSeconds, s.ItemsTotal,
        s.CreatedAt, s.UpdatedAt, s.Metadata, s.Rules);

    public async Task<IReadOnlyList<SourceView>> ListSourcesAsync(string? owner, string? status, CancellationToken ct) =>
        (await store.SourceList(new SourceListParams(owner, status), ct)).Select(SourceView.Of).ToList();

    public async Task DeleteSourceAsync(long id, string? owner, CancellationToken ct)
    {
        if (!await store.SourceDelete(new SourceDeleteParams(id, owner), ct)) throw SourceNotFound(id);
    }

    public async Task<SourceView> GetSourceViewAsync(long id, string? owner, CancellationToken ct) =>
        SourceView.Of(await store.SourceGet(new SourceGetParams(id, owner), ct) ?? throw SourceNotFound(id));

    public async Task<SourceScheduleInfo> GetSourceScheduleAsync(long id, string? owner, CancellationToken ct)
    {
        var source = await store.SourceGet(new SourceGetParams(id, owner), ct) ?? throw SourceNotFound(id);
        return Info(await new SourceSchedules(store, crawlerOptions(), time).DescribeAsync(source, ct));
    }

    public async Task<SourceScheduleInfo> SetSourceScheduleAsync(long id, string mode, string? interval, string? owner, CancellationToken ct)
    {
        var options = crawlerOptions();
        var (parsed, fixedInterval, field, error) = SourceSchedules.Parse(mode, interval, options);
        if (field is not null) throw new RotaException(CrawlScheduleModes.ErrorCode, $"source schedule: {field} '{(field == "mode" ? mode : interval)}': {error}", isTransient: false);
        var source = await store.SourceGet(new SourceGetParams(id, owner), ct) ?? throw SourceNotFound(id);
        var schedules = new SourceSchedules(store, options, time);
        var updated = await schedules.SetAsync(source, parsed, fixedInterval, ct) ?? throw SourceNotFound(id);
        return Info(await schedules.DescribeAsync(updated, ct));
    }

    private static SourceScheduleInfo Info(SourceSchedule s) => new(s.SourceId, s.Mode, s.SourceMode, s.DefaultMode, s.NextCrawlAt, s.LastCrawledAt,
        s.PollIntervalSeconds, s.Reason, new ScheduleModelInfo(s.Model.State, s.Model.ItemsInWindow, s.Model.MinItems, s.Model.Threshold,
            s.Model.HalfLifeSeconds, s.Model.WindowSeconds, s.Model.ItemsPerWeek, s.Model.ExpectedNext24h, s.Model.Summary, s.Model.Weekly));

    public async Task<CrawlSummaryInfo> CrawlSourcesAsync(long? id, string? owner, bool due, bool allowLoopback, CancellationToken ct)
    {
        // The API answers 404 for a source that is not there; the crawler alone would report an empty crawl.
        if (id is { } one && await store.SourceGet(new SourceGetParams(one, owner), ct) is null) throw SourceNotFound(one);
        using var setup = new CrawlerSetup(store, time, crawlerOptions(), allowLoopback);
        var summary = await setup.Crawler.CrawlAsync(new CrawlRequest
        {
            SourceId = id, Owner = owner, Scope = due ? CrawlScope.Due : CrawlScope.All, CrawlType = CrawlLogValues.Manual,
        }, ct: ct);
        return new CrawlSummaryInfo(summary.SourcesCrawled, summary.Successful, summary.Failed, summary.Partial, summary.ItemsFetched,
            summary.ItemsNew, summary.PagesQueued, summary.Results.Select(r => new CrawlResultInfo(r.SourceId, r.Name, r.Url, r.Status,
                r.SourceStatus, r.ItemsFetched, r.ItemsNew, r.HttpStatus, r.ErrorCode, r.ErrorMessage, r.DurationMs, r.CrawlLogId,
                r.Rules.Filtered, r.Rules.IsEmpty ? null : r.Rules.ToJson())).ToList(), ItemsFiltered: summary.ItemsFiltered);
    }

    public async Task<CrawlLogList> ListCrawlLogsAsync(string? owner, long? sourceId, string? status, int limit, CancellationToken ct)
    {
        var logs = (await store.CrawlLogList(new CrawlLogListParams(owner, sourceId, status, Limit: limit), ct)).Select(Log).ToList();
        return new CrawlLogList(logs, logs.Count);
    }

    public async Task<CrawlStats> GetCrawlStatsAsync(string? owner, CancellationToken ct)
    {
        var s = await store.CrawlLogStats(new CrawlLogStatsParams(owner), ct);
        return new CrawlStats(s.TotalCrawls, s.Successful, s.Failed, s.Partial, s.TotalItemsFetched, s.TotalItemsNew, s.LastCrawlAt, s.AvgDurationMs, s.SuccessRate);
    }

    /// <summary>As <c>GET /api/v1/crawl/status</c> computes it: the recent logs cover most sources in one query; a source
    /// with none among them gets its own lookup.</summary>
    public async Task<CrawlStatus> GetCrawlStatusAsync(string? owner, CancellationToken ct)
    {
        var sources = await store.SourceList(new SourceListParams(owner), ct);
        var latest = (await store.CrawlLogList(new CrawlLogListParams(owner, Limit: 500), ct))
            .Where(l => l.SourceId is not null).GroupBy(l => l.SourceId!.Value).ToDictionary(g => g.Key, g => g.First());
        var states = new List<SourceCrawlState>();
        foreach (var s in sources)
        {
            var log = latest.GetValueOrDefault(s.Id) ?? (await store.CrawlLogList(new CrawlLogListParams(owner, s.Id, Limit: 1), ct)).FirstOrDefault();
            states.Add(new SourceCrawlState(s.Id, s.Name, Server.Endpoints.SourceEndpoints.SeedType(s.Kind), s.Status, s.LastCrawledAt, s.ErrorMessage,
                log is null ? null : Log(log)));
        }
        return new CrawlStatus(states, sources.Count, sources.Count(s => s.Status == SourceStatus.Active), sources.Count(s => s.Status == SourceStatus.Error));
    }

    private static CrawlLogInfo Log(CrawlLogRow l) => new(l.Id, l.SourceId, l.RunId, l.CrawlType, l.Status, l.ItemsFetched, l.ItemsNew,
        l.ErrorMessage, l.ErrorDetails, l.DurationMs, l.StartedAt, l.CompletedAt, l.Metadata);

    private static RotaException SourceNotFound(long id) => new("source.not_found", $"source: no source with id {id} (see 'rota source list')");
}
