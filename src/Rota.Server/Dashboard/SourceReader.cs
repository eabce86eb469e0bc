using Rota.Crawler.Crawling;
using Rota.Crawler.Scheduling;
using Rota.Server.Auth;
using Rota.Storage;

namespace Rota.Server.Dashboard;

/// <summary>The dashboard's reads of sources, items and crawl logs, scoped like the API: a user sees only their own
/// sources and crawls; an admin sees everyone's. Someone else's source reads as missing (the page answers 404).</summary>
public sealed class SourceReader(IRotaStore store, CrawlerOptions crawler, TimeProvider time)
{
    public const int PageSize = 50;

    public Task<IReadOnlyList<SourceRow>> SourcesAsync(Caller caller, string? status, CancellationToken ct) =>
        store.SourceList(new SourceListParams(caller.OwnerScope, status, Limit: 10_000), ct);

    public Task<SourceRow?> SourceAsync(Caller caller, long id, CancellationToken ct) =>
        store.SourceGet(new SourceGetParams(id, caller.OwnerScope), ct);

    /// <summary>The source's scheduling mode, the reason of its next crawl, and its learned weekly profile.</summary>
    public Task<SourceSchedule> ScheduleAsync(SourceRow source, CancellationToken ct) =>
        new SourceSchedules(store, crawler, time).DescribeAsync(source, ct);

    public Task<IReadOnlyList<ItemRow>> ItemsAsync(long sourceId, long? cursor, CancellationToken ct, int? minQuality = null) =>
        store.ItemList(new ItemListParams(sourceId, cursor, PageSize, minQuality), ct);

    public Task<IReadOnlyList<CrawlLogRow>> LogsAsync(Caller caller, long? sourceId, string? status, long? cursor, CancellationToken ct) =>
        store.CrawlLogList(new CrawlLogListParams(caller.OwnerScope, sourceId, status, cursor, PageSize), ct);

    /// <summary>How many sources the caller sees, and those in error, longest failing first (the overview's card).</summary>
    public async Task<(int Total, IReadOnlyList<SourceRow> Failing)> HealthAsync(Caller caller, CancellationToken ct)
    {
        var all = await store.SourceList(new SourceListParams(caller.OwnerScope, Limit: 100_000), ct);
        return (all.Count, [.. all.Where(s => s.Status == SourceStatus.Error).OrderBy(s => s.ErrorSince ?? s.UpdatedAt).ThenBy(s => s.Id)]);
    }
}
