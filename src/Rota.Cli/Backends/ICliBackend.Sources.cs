using System.Text.Json.Nodes;
using Rota.Cli.Commands;
using Rota.Client.Models;

namespace Rota.Cli.Backends;

/// <summary>The source and crawl commands. Both backends answer with the API's shapes (<see cref="Rota.Client.Models"/>),
/// so <c>--json</c> prints the same fields locally and remotely. <paramref name="owner"/> narrows to one user's sources
/// (local: null means every owner; remote: the server scopes to the token's user, admins may name another on list/add).</summary>
public partial interface ICliBackend
{
    /// <param name="allowLoopback">Local only: the server's crawler decides for itself (ROTA_CRAWLER_ALLOW_LOOPBACK).</param>
    Task<SourceAddView> AddSourceAsync(SourceRequest request, bool allowLoopback, CancellationToken ct);
    Task<IReadOnlyList<SourceView>> ListSourcesAsync(string? owner, string? status, CancellationToken ct);
    /// <summary>The source (its <see cref="SourceInfo.Rules"/> are the crawl rules).</summary>
    Task<SourceInfo> GetSourceAsync(long id, string? owner, CancellationToken ct);
    /// <summary>Replaces the source's crawl rules (null clears them); invalid rules fail with <c>source.invalid_rules</c>.</summary>
    Task<SourceInfo> SetSourceRulesAsync(long id, string? owner, JsonObject? rules, CancellationToken ct);
    /// <summary>The source's newest items (at most <paramref name="limit"/>), only those scored at least <paramref name="minQuality"/>.</summary>
    Task<IReadOnlyList<ItemInfo>> ListSourceItemsAsync(long id, string? owner, int? minQuality, int limit, CancellationToken ct);
    Task DeleteSourceAsync(long id, string? owner, CancellationToken ct);
    Task<SourceView> GetSourceViewAsync(long id, string? owner, CancellationToken ct);
    Task<SourceScheduleInfo> GetSourceScheduleAsync(long id, string? owner, CancellationToken ct);
    /// <param name="mode"><c>fixed</c>, <c>adaptive</c>, <c>predictive</c> or <c>default</c>.</param>
    /// <param name="interval">Only with <c>fixed</c>: its interval, e.g. <c>2h</c>.</param>
    Task<SourceScheduleInfo> SetSourceScheduleAsync(long id, string mode, string? interval, string? owner, CancellationToken ct);
    /// <param name="id">One source, or null for every source not disabled (<paramref name="due"/>: only those due; local only).</param>
    Task<CrawlSummaryInfo> CrawlSourcesAsync(long? id, string? owner, bool due, bool allowLoopback, CancellationToken ct);
    Task<CrawlLogList> ListCrawlLogsAsync(string? owner, long? sourceId, string? status, int limit, CancellationToken ct);
    Task<CrawlStats> GetCrawlStatsAsync(string? owner, CancellationToken ct);
    Task<CrawlStatus> GetCrawlStatusAsync(string? owner, CancellationToken ct);
}
