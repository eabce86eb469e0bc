using System.Text.Json.Nodes;

namespace Rota.Client.Models;

/// <summary>One stored feed entry; the <c>Page*</c> fields are set once a <c>fetch-page</c> run read its page.
/// <see cref="Quality"/> is the 0–100 content score computed at ingest, <see cref="QualitySignals"/> its breakdown.</summary>
public sealed record ItemInfo(long Id, long SourceId, string? Url, string? Title, string? Author, string? Summary, string? Content,
    DateTimeOffset? PublishedAt, DateTimeOffset FetchedAt, JsonArray? Categories = null, JsonArray? Enclosures = null,
    int? PageStatus = null, string? PageUrl = null, string? PageTitle = null, string? PageText = null, DateTimeOffset? PageFetchedAt = null,
    int? Quality = null, JsonObject? QualitySignals = null);
