using System.Text.Json.Nodes;

namespace Rota.Client.Models;

/// <summary>One crawl of one source (seed 001's crawl log); <see cref="CrawlType"/> is <c>scheduled</c> or <c>manual</c>.</summary>
public sealed record CrawlLogInfo(long Id, long? SourceId, long? RunId, string CrawlType, string Status, int ItemsFetched, int ItemsNew,
    string? ErrorMessage, JsonObject? ErrorDetails, long? DurationMs, DateTimeOffset StartedAt, DateTimeOffset? CompletedAt, JsonObject? Metadata = null);
