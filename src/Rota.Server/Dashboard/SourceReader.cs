using Rota.Server.Auth;
using Rota.Storage;

namespace Rota.Server.Dashboard;

/// <summary>The dashboard's reads of sources, items and crawl logs, scoped like the API: a user sees only their own
/// sources and crawls; an admin sees everyone's. Someone else's source reads as missing (the page answers 404).</summary>
public sealed class SourceReader(IRotaStore store)
{
    public const int PageSize = 50;

    public Task<IReadOnlyList<SourceRow>> SourcesAsync(Caller caller, string? status, CancellationToken ct) =>
        store.SourceList(new SourceListParams(caller.OwnerScope, status, Limit: 10_000), ct);

    public Task<SourceRow?> SourceAsync(Caller caller, long id, CancellationToken ct) =>
        store.SourceGet(new SourceGetParams(id, caller.OwnerScope), ct);

    public Task<IReadOnlyList<ItemRow>> ItemsAsync(long sourceId, long? cursor, CancellationToken ct) =>
        store.ItemList(new ItemListParams(sourceId, cursor, PageSize), ct);

    public Task<IReadOnlyList<CrawlLogRow>> LogsAsync(Caller caller, long? sourceId, string? status, long? cursor, CancellationToken ct) =>
        store.CrawlLogList(new CrawlLogListParams(caller.OwnerScope, sourceId, status, cursor, PageSize), ct);

    public async Task<int> CountAsync(Caller caller, CancellationToken ct) =>
        (await store.SourceList(new SourceListParams(caller.OwnerScope, Limit: 100_000), ct)).Count;

    /// <summary>Sources in error, longest failing first (for the overview card).</summary>
    public async Task<IReadOnlyList<SourceRow>> FailingAsync(Caller caller, CancellationToken ct) =>
        [.. (await store.SourceList(new SourceListParams(caller.OwnerScope, SourceStatus.Error, Limit: 1_000), ct))
            .OrderBy(s => s.ErrorSince ?? s.UpdatedAt).ThenBy(s => s.Id)];
}
