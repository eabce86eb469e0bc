using System.Text.Json.Nodes;
using Dapper;
using Rota.Storage;

namespace Rota.Storage.Sqlite;

public sealed partial class SqliteStore
{
    private sealed class ItemTimesDb
    {
        public long? PublishedAt { get; set; }
        public long FetchedAt { get; set; }
    }

    private sealed class ItemDb
    {
        public long Id { get; set; }
        public long SourceId { get; set; }
        public string GuidHash { get; set; } = "";
        public string? Url { get; set; }
        public string? Title { get; set; }
        public string? Author { get; set; }
        public string? Summary { get; set; }
        public string? Content { get; set; }
        public long? PublishedAt { get; set; }
        public long FetchedAt { get; set; }
        public string? Categories { get; set; }
        public string? Enclosures { get; set; }
        public long? PageStatus { get; set; }
        public string? PageUrl { get; set; }
        public string? PageTitle { get; set; }
        public string? PageText { get; set; }
        public long? PageFetchedAt { get; set; }
        public long? Quality { get; set; }
        public string? QualitySignals { get; set; }

        public ItemRow ToRow() => new()
        {
            Id = Id, SourceId = SourceId, GuidHash = GuidHash, Url = Url, Title = Title, Author = Author, Summary = Summary, Content = Content,
            PublishedAt = At(PublishedAt), FetchedAt = At(FetchedAt), Categories = Array(Categories), Enclosures = Array(Enclosures),
            PageStatus = PageStatus is { } s ? (int)s : null, PageUrl = PageUrl, PageTitle = PageTitle, PageText = PageText, PageFetchedAt = At(PageFetchedAt),
            Quality = Quality is { } q ? (int)q : null, QualitySignals = QualitySignals is null ? null : JsonNode.Parse(QualitySignals) as JsonObject,
        };
    }

    private static JsonArray? Array(string? json) => json is null ? null : JsonNode.Parse(json) as JsonArray;

    public Task<ItemUpsertResult> ItemUpsertMany(ItemUpsertManyParams p, CancellationToken ct = default) =>
        WriteAsync(async (c, tx) =>
        {
            var ids = new List<long>();
            var updated = 0;
            foreach (var i in p.Items)
            {
                var args = new
                {
                    source_id = p.SourceId, guid_hash = i.GuidHash, url = i.Url, title = i.Title, author = i.Author, summary = i.Summary,
                    content = i.Content, published_at = Ms(i.PublishedAt), now = Ms(p.Now),
                    categories = i.Categories?.ToJsonString(), enclosures = i.Enclosures?.ToJsonString(),
                    quality = i.Quality, quality_signals = i.QualitySignals?.ToJsonString(),
                };
                if (await c.ExecuteScalarAsync<long?>(Sql["ItemInsert"], args, tx) is { } id) ids.Add(id);
                else updated += await c.ExecuteAsync(Sql["ItemRefresh"], args, tx);
            }
            return new ItemUpsertResult(ids, updated);
        }, ct);

    public Task<IReadOnlyList<string>> ItemExistingKeys(ItemExistingKeysParams p, CancellationToken ct = default) =>
        p.GuidHashes.Count == 0 ? Task.FromResult<IReadOnlyList<string>>([])
        : ReadAsync<IReadOnlyList<string>>(async c => (await c.QueryAsync<string>(Sql["ItemExistingKeys"], new
        {
            source_id = p.SourceId, guid_hashes = System.Text.Json.JsonSerializer.Serialize(p.GuidHashes),
        })).ToList(), ct);

    public Task<ItemRow?> ItemGet(long id, CancellationToken ct = default) =>
        ReadAsync(async c => (await c.QuerySingleOrDefaultAsync<ItemDb>(Sql["ItemGet"], new { id }))?.ToRow(), ct);

    public Task<IReadOnlyList<ItemRow>> ItemList(ItemListParams p, CancellationToken ct = default) =>
        ReadAsync<IReadOnlyList<ItemRow>>(async c => (await c.QueryAsync<ItemDb>(Sql["ItemList"], new
        {
            source_id = p.SourceId, before_id = p.BeforeId, limit = Math.Clamp(p.Limit, 1, 1000), min_quality = p.MinQuality,
        })).Select(i => i.ToRow()).ToList(), ct);

    public Task<IReadOnlyList<ItemTimes>> ItemTimeList(ItemTimeListParams p, CancellationToken ct = default) =>
        ReadAsync<IReadOnlyList<ItemTimes>>(async c => (await c.QueryAsync<ItemTimesDb>(Sql["ItemTimeList"], new
        {
            source_id = p.SourceId, limit = Math.Clamp(p.Limit, 1, 10_000),
        })).Select(i => new ItemTimes(At(i.PublishedAt), At(i.FetchedAt))).ToList(), ct);

    public Task<bool> ItemSetPage(ItemSetPageParams p, CancellationToken ct = default) =>
        WriteAsync(async (c, tx) => await c.ExecuteAsync(Sql["ItemSetPage"], new
        {
            id = p.Id, page_status = p.StatusCode, page_url = p.Url, page_title = p.Title, page_text = p.Text, now = Ms(p.Now),
        }, tx) > 0, ct);

    public Task<int> ItemPrune(ItemPruneParams p, CancellationToken ct = default) =>
        WriteAsync((c, tx) => c.ExecuteAsync(Sql["ItemPrune"], new { older_than = Ms(p.OlderThan), limit = Math.Max(1, p.Limit) }, tx), ct);
}
