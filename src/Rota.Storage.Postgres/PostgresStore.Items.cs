using System.Text.Json.Nodes;
using Dapper;
using Npgsql;
using Rota.Storage;
using static Rota.Storage.Postgres.PostgresMapping;

namespace Rota.Storage.Postgres;

public sealed partial class PostgresStore
{
    private sealed class ItemTimesDb
    {
        public DateTime? PublishedAt { get; set; }
        public DateTime FetchedAt { get; set; }
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
        public DateTime? PublishedAt { get; set; }
        public DateTime FetchedAt { get; set; }
        public string? Categories { get; set; }
        public string? Enclosures { get; set; }
        public long? PageStatus { get; set; }
        public string? PageUrl { get; set; }
        public string? PageTitle { get; set; }
        public string? PageText { get; set; }
        public DateTime? PageFetchedAt { get; set; }
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

    /// <summary>One round trip: a set-based insert of the new keys, then a set-based refresh of changed entries.</summary>
    public Task<ItemUpsertResult> ItemUpsertMany(ItemUpsertManyParams p, CancellationToken ct = default)
    {
        if (p.Items.Count == 0) return Task.FromResult(new ItemUpsertResult([], 0));
        return Write(async (c, tx) =>
        {
            await using var batch = new NpgsqlBatch(c, tx);
            batch.BatchCommands.Add(BindItems(BatchCommand("ItemInsert"), p).Bind("now", Utc(p.Now)));
            batch.BatchCommands.Add(BindItems(BatchCommand("ItemRefresh"), p));
            var ids = new List<long>();
            await using (var reader = await batch.ExecuteReaderAsync(ct))
            {
                while (await reader.ReadAsync(ct)) ids.Add(reader.GetInt64(0));
                while (await reader.NextResultAsync(ct)) { }
            }
            ids.Sort();
            return new ItemUpsertResult(ids, batch.BatchCommands[1].RecordsAffected);
        }, ct);
    }

    private static NpgsqlBatchCommand BindItems(NpgsqlBatchCommand cmd, ItemUpsertManyParams p) => cmd
        .Bind("source_id", p.SourceId)
        .Bind("guid_hash", p.Items.Select(i => i.GuidHash).ToArray())
        .Bind("url", p.Items.Select(i => i.Url).ToArray())
        .Bind("title", p.Items.Select(i => i.Title).ToArray())
        .Bind("author", p.Items.Select(i => i.Author).ToArray())
        .Bind("summary", p.Items.Select(i => i.Summary).ToArray())
        .Bind("content", p.Items.Select(i => i.Content).ToArray())
        .Bind("published_at", p.Items.Select(i => i.PublishedAt?.UtcDateTime).ToArray())
        .Bind("categories", p.Items.Select(i => i.Categories?.ToJsonString()).ToArray())
        .Bind("enclosures", p.Items.Select(i => i.Enclosures?.ToJsonString()).ToArray())
        .Bind("quality", p.Items.Select(i => i.Quality).ToArray())
        .Bind("quality_signals", p.Items.Select(i => i.QualitySignals?.ToJsonString()).ToArray());

    public Task<IReadOnlyList<string>> ItemExistingKeys(ItemExistingKeysParams p, CancellationToken ct = default) =>
        p.GuidHashes.Count == 0 ? Task.FromResult<IReadOnlyList<string>>([])
        : Read<IReadOnlyList<string>>(async c => (await c.QueryAsync<string>(Sql["ItemExistingKeys"], new
        {
            source_id = p.SourceId, guid_hashes = p.GuidHashes.ToArray(),
        })).ToList(), ct);

    public Task<ItemRow?> ItemGet(long id, CancellationToken ct = default) =>
        Read(async c => (await c.QuerySingleOrDefaultAsync<ItemDb>(Sql["ItemGet"], new { id }))?.ToRow(), ct);

    public Task<IReadOnlyList<ItemRow>> ItemList(ItemListParams p, CancellationToken ct = default) =>
        Read<IReadOnlyList<ItemRow>>(async c => (await c.QueryAsync<ItemDb>(Sql["ItemList"], new
        {
            source_id = p.SourceId, before_id = p.BeforeId, limit = Math.Clamp(p.Limit, 1, 1000), min_quality = p.MinQuality,
        })).Select(i => i.ToRow()).ToList(), ct);

    public Task<IReadOnlyList<ItemTimes>> ItemTimeList(ItemTimeListParams p, CancellationToken ct = default) =>
        Read<IReadOnlyList<ItemTimes>>(async c => (await c.QueryAsync<ItemTimesDb>(Sql["ItemTimeList"], new
        {
            source_id = p.SourceId, limit = Math.Clamp(p.Limit, 1, 10_000),
        })).Select(i => new ItemTimes(At(i.PublishedAt), At(i.FetchedAt))).ToList(), ct);

    public Task<bool> ItemSetPage(ItemSetPageParams p, CancellationToken ct = default) =>
        Write(async (c, tx) => await c.ExecuteAsync(Sql["ItemSetPage"], new
        {
            id = p.Id, page_status = p.StatusCode, page_url = p.Url, page_title = p.Title, page_text = p.Text, now = Utc(p.Now),
        }, tx) > 0, ct);

    public Task<int> ItemPrune(ItemPruneParams p, CancellationToken ct = default) =>
        Write((c, tx) => c.ExecuteAsync(Sql["ItemPrune"], new { older_than = Utc(p.OlderThan), limit = Math.Max(1, p.Limit) }, tx), ct);
}
