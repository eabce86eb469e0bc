using System.Text.Json.Nodes;

namespace Rota.Storage;

/// <summary>One stored feed entry. <c>GuidHash</c> is the dedup key within its source.</summary>
public sealed record ItemRow
{
    public long Id { get; init; }
    public long SourceId { get; init; }
    public required string GuidHash { get; init; }
    public string? Url { get; init; }
    public string? Title { get; init; }
    public string? Author { get; init; }
    public string? Summary { get; init; }
    public string? Content { get; init; }
    public DateTimeOffset? PublishedAt { get; init; }
    /// <summary>When the item was first seen.</summary>
    public DateTimeOffset FetchedAt { get; init; }
    public JsonArray? Categories { get; init; }
    public JsonArray? Enclosures { get; init; }
    /// <summary>Set by <c>fetch-page</c>: the page's status, final URL, title and text extract.</summary>
    public int? PageStatus { get; init; }
    public string? PageUrl { get; init; }
    public string? PageTitle { get; init; }
    public string? PageText { get; init; }
    public DateTimeOffset? PageFetchedAt { get; init; }
    /// <summary>Content quality 0–100 computed at ingest (null for items stored before scoring existed).</summary>
    public int? Quality { get; init; }
    /// <summary>The per-signal breakdown of <see cref="Quality"/>: signal name → points.</summary>
    public JsonObject? QualitySignals { get; init; }
}

/// <summary>An entry to store; fields other than the key refresh an existing item when they changed (the quality
/// with them; a null quality keeps the stored one).</summary>
public sealed record ItemWrite(string GuidHash, string? Url, string? Title, string? Author, string? Summary, string? Content,
    DateTimeOffset? PublishedAt, JsonArray? Categories = null, JsonArray? Enclosures = null, int? Quality = null, JsonObject? QualitySignals = null);

public sealed record ItemUpsertManyParams(long SourceId, IReadOnlyList<ItemWrite> Items, DateTimeOffset Now);

/// <summary>How many items were new (with their ids) and how many existing ones changed.</summary>
public sealed record ItemUpsertResult(IReadOnlyList<long> NewIds, int Updated)
{
    public int New => NewIds.Count;
}

/// <summary>Newest first (by id); <c>BeforeId</c> is the cursor of the next page.</summary>
/// <param name="MinQuality">Only items scored at least this (unscored items are left out); null: all.</param>
public sealed record ItemListParams(long SourceId, long? BeforeId = null, int Limit = 50, int? MinQuality = null);

/// <summary>Which of <c>GuidHashes</c> the source already holds (the crawler fetches full content only for new items).</summary>
public sealed record ItemExistingKeysParams(long SourceId, IReadOnlyList<string> GuidHashes);

public sealed record ItemSetPageParams(long Id, int StatusCode, string? Url, string? Title, string? Text, DateTimeOffset Now);

/// <summary>Deletes items first seen before <c>OlderThan</c>, at most <c>Limit</c> per call.</summary>
public sealed record ItemPruneParams(DateTimeOffset OlderThan, int Limit = 10_000);

/// <summary>The newest <c>Limit</c> items' times of a source (by id, newest first): what the predictive schedule learns from.</summary>
public sealed record ItemTimeListParams(long SourceId, int Limit = 500);

/// <summary>When an item was published (as the feed says) and first seen.</summary>
public sealed record ItemTimes(DateTimeOffset? PublishedAt, DateTimeOffset FetchedAt);
