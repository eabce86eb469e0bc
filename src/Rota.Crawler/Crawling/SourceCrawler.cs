using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Rota.Crawler.Fetching;
using Rota.Storage;

namespace Rota.Crawler.Crawling;

/// <summary>
/// Crawls the sources a <see cref="CrawlRequest"/> selects, <see cref="CrawlerOptions.MaxParallelSources"/> at a time
/// (the fetcher's <see cref="HostThrottle"/> keeps each host polite), and returns the run summary. Used by the
/// <c>crawl</c> handler and by <c>rota source crawl</c>.
/// </summary>
public sealed partial class SourceCrawler
{
    private readonly IRotaStore _store;
    private readonly CrawlerOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly SourceCrawl _crawl;

    public SourceCrawler(IRotaStore store, FeedFetcher fetcher, CrawlerOptions options, TimeProvider time, ILogger<SourceCrawler>? logger = null)
    {
        _store = store;
        _options = options;
        _time = time;
        _logger = logger ?? (ILogger)NullLogger.Instance;
        _crawl = new SourceCrawl(store, fetcher, options, time);
    }

    public CrawlerOptions Options => _options;

    /// <summary>The sources <paramref name="request"/> selects, in id order.</summary>
    public async Task<IReadOnlyList<SourceRow>> SelectAsync(CrawlRequest request, CancellationToken ct = default)
    {
        if (request.SourceId is { } id)
            return await _store.SourceGet(new SourceGetParams(id, request.Owner), ct).ConfigureAwait(false) is { } one
                ? [one]
                : throw new RotaException("source.not_found", $"crawl: no source {id}{(request.Owner is null ? "" : $" of owner '{request.Owner}'")}", isTransient: false);
        var p = request.Scope switch
        {
            CrawlScope.Due => new SourceListParams(request.Owner, DueBefore: _time.GetUtcNow()),
            CrawlScope.Active => new SourceListParams(request.Owner, SourceStatus.Active),
            _ => new SourceListParams(request.Owner),
        };
        var rows = await _store.SourceList(p, ct).ConfigureAwait(false);
        return request.Scope == CrawlScope.All ? [.. rows.Where(s => s.Status != SourceStatus.Disabled)] : rows;
    }

    /// <summary>Crawls the selected sources; <paramref name="progress"/> gets (done, total) after each source.</summary>
    public async Task<CrawlSummary> CrawlAsync(CrawlRequest request, Action<int, int>? progress = null, CancellationToken ct = default)
    {
        var sources = await SelectAsync(request, ct).ConfigureAwait(false);
        var results = new ConcurrentDictionary<long, SourceCrawlResult>();
        var done = 0;
        progress?.Invoke(0, sources.Count);
        await Parallel.ForEachAsync(sources, new ParallelOptions { MaxDegreeOfParallelism = _options.MaxParallelSources, CancellationToken = ct },
            async (source, token) =>
            {
                var result = await _crawl.RunAsync(source, request.CrawlType, request.RunId, token).ConfigureAwait(false);
                if (result.ErrorCode is not null) LogSourceFailed(source.Id, result.Url, result.ErrorCode, result.ErrorMessage);
                results[source.Id] = result;
                progress?.Invoke(Interlocked.Increment(ref done), sources.Count);
            }).ConfigureAwait(false);
        var summary = new CrawlSummary([.. sources.Select(s => results[s.Id])]);
        LogCrawled(summary.SourcesCrawled, summary.Successful, summary.Failed, summary.Partial, summary.ItemsNew);
        return summary;
    }

    /// <summary>Deletes items and crawl logs older than the retention settings; returns (items, logs) deleted.</summary>
    public async Task<(int Items, int Logs)> PruneAsync(CancellationToken ct = default)
    {
        var now = _time.GetUtcNow();
        var items = await _store.ItemPrune(new ItemPruneParams(now - _options.ItemRetention), ct).ConfigureAwait(false);
        var logs = await _store.CrawlLogPrune(new CrawlLogPruneParams(now - _options.CrawlLogRetention), ct).ConfigureAwait(false);
        return (items, logs);
    }

    [LoggerMessage(EventId = 400, Level = LogLevel.Warning, Message = "crawl: source {SourceId} ({Url}) failed: {Code}: {Message}")]
    private partial void LogSourceFailed(long sourceId, string url, string code, string? message);

    [LoggerMessage(EventId = 401, Level = LogLevel.Information, Message = "crawl: {Sources} source(s) crawled — {Successful} ok, {Failed} failed, {Partial} partial; {ItemsNew} new item(s)")]
    private partial void LogCrawled(int sources, int successful, int failed, int partial, int itemsNew);
}
