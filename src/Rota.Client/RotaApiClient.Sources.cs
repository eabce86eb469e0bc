using System.Globalization;
using System.Net;
using Rota.Client.Models;

namespace Rota.Client;

public sealed partial class RotaApiClient
{
    /// <summary>The caller's sources; admins may pass another <paramref name="owner"/>.</summary>
    /// <param name="status">Only pending, active, error or disabled sources.</param>
    public Task<SourceList> ListSourcesAsync(string? owner = null, string? status = null, CancellationToken ct = default) =>
        GetAsync<SourceList>(Query("sources", ("owner", owner), ("status", status)), ct);

    /// <summary>Adds a source (a web page is searched for its feed); the same feed again answers with the existing source.</summary>
    public async Task<SourceAdded> AddSourceAsync(SourceRequest request, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var response = await SendAsync(WithBody(new HttpRequestMessage(HttpMethod.Post, "sources"), request), ct);
        // The status is the only place that says whether the source is new.
        var created = response.StatusCode == HttpStatusCode.Created;
        return new SourceAdded(created, await ReadAsync<SourceInfo>(response, ct));
    }

    public Task<SourceInfo> GetSourceAsync(long id, CancellationToken ct = default) => GetAsync<SourceInfo>($"sources/{id}", ct);

    /// <summary>A source's scheduling mode, next crawl and why, and its learned weekly posting profile.</summary>
    public Task<SourceScheduleInfo> GetSourceScheduleAsync(long id, CancellationToken ct = default) => GetAsync<SourceScheduleInfo>($"sources/{id}/schedule", ct);

    /// <summary>Sets a source's scheduling mode (<c>default</c>: follow the crawler's).</summary>
    public Task<SourceScheduleInfo> SetSourceScheduleAsync(long id, SourceScheduleRequest request, CancellationToken ct = default) =>
        SendJsonAsync<SourceScheduleInfo>(HttpMethod.Put, $"sources/{id}/schedule", request, ct);

    /// <summary>Deletes a source with its items and crawl logs.</summary>
    public Task DeleteSourceAsync(long id, CancellationToken ct = default) => SendNoContentAsync(HttpMethod.Delete, $"sources/{id}", null, ct);

    /// <summary>Crawls one source now (even a disabled one) and answers when done.</summary>
    public Task<CrawlSummaryInfo> CrawlSourceAsync(long id, CancellationToken ct = default) =>
        SendJsonAsync<CrawlSummaryInfo>(HttpMethod.Post, $"sources/{id}/crawl", null, ct);

    /// <summary>A source's items, newest first; pass the page's <see cref="ItemPage.NextCursor"/> for the next.</summary>
    /// <param name="minQuality">Only items scored at least this (0–100).</param>
    public Task<ItemPage> ListSourceItemsAsync(long id, string? cursor = null, int? limit = null, int? minQuality = null, CancellationToken ct = default) =>
        GetAsync<ItemPage>(Query($"sources/{id}/items", ("cursor", cursor), ("limit", limit?.ToString(CultureInfo.InvariantCulture)),
            ("min_quality", minQuality?.ToString(CultureInfo.InvariantCulture))), ct);

    /// <summary>Replaces a source's crawl rules (null clears them); invalid rules fail with every error listed.</summary>
    public Task<SourceInfo> SetSourceRulesAsync(long id, System.Text.Json.Nodes.JsonObject? rules, CancellationToken ct = default) =>
        SendJsonAsync<SourceInfo>(HttpMethod.Put, $"sources/{id}/rules", rules ?? [], ct);

    /// <summary>Crawls the caller's sources now (or only <paramref name="sourceId"/>) and answers when done.</summary>
    public Task<CrawlSummaryInfo> TriggerCrawlAsync(long? sourceId = null, CancellationToken ct = default) =>
        SendJsonAsync<CrawlSummaryInfo>(HttpMethod.Post, "crawl/trigger", sourceId is { } id ? new TriggerBody(id) : null, ct);

    /// <summary>The caller's crawl logs, newest first; <paramref name="beforeId"/> (the last log's id) pages on.</summary>
    /// <param name="status">Only started, success, failed or partial crawls.</param>
    public Task<CrawlLogList> ListCrawlLogsAsync(long? sourceId = null, string? status = null, long? beforeId = null, int? limit = null, CancellationToken ct = default) =>
        GetAsync<CrawlLogList>(Query("crawl/logs", ("source_id", sourceId?.ToString(CultureInfo.InvariantCulture)), ("status", status),
            ("before_id", beforeId?.ToString(CultureInfo.InvariantCulture)), ("limit", limit?.ToString(CultureInfo.InvariantCulture))), ct);

    public Task<CrawlStats> GetCrawlStatsAsync(CancellationToken ct = default) => GetAsync<CrawlStats>("crawl/stats", ct);

    public Task<CrawlStatus> GetCrawlStatusAsync(CancellationToken ct = default) => GetAsync<CrawlStatus>("crawl/status", ct);

    private sealed record TriggerBody(long SourceId);
}
