using System.Text.Json.Nodes;
using Rota.Cli.Commands;
using Rota.Client.Models;

namespace Rota.Cli.Backends;

public sealed partial class RemoteBackend
{
    public async Task<SourceAddView> AddSourceAsync(SourceRequest request, bool allowLoopback, CancellationToken ct)
    {
        var added = await api.AddSourceAsync(request, ct);
        // The registrar keeps the page a feed was found on in the source's metadata; the API has no other field for it.
        var from = added.Source.Metadata?["discovered_from"] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
        return new SourceAddView(added.Created, from, SourceView.Of(added.Source));
    }

    public async Task<IReadOnlyList<SourceView>> ListSourcesAsync(string? owner, string? status, CancellationToken ct) =>
        (await api.ListSourcesAsync(owner, status, ct)).Sources.Select(SourceView.Of).ToList();

    public Task<SourceInfo> GetSourceAsync(long id, string? owner, CancellationToken ct) => api.GetSourceAsync(id, ct);

    public Task<SourceInfo> SetSourceRulesAsync(long id, string? owner, JsonObject? rules, CancellationToken ct) => api.SetSourceRulesAsync(id, rules, ct);

    public async Task<IReadOnlyList<ItemInfo>> ListSourceItemsAsync(long id, string? owner, int? minQuality, int limit, CancellationToken ct) =>
        (await api.ListSourceItemsAsync(id, limit: limit, minQuality: minQuality, ct: ct)).Items;

    public Task DeleteSourceAsync(long id, string? owner, CancellationToken ct) => api.DeleteSourceAsync(id, ct);

    public async Task<SourceView> GetSourceViewAsync(long id, string? owner, CancellationToken ct) => SourceView.Of(await api.GetSourceAsync(id, ct));

    public Task<SourceScheduleInfo> GetSourceScheduleAsync(long id, string? owner, CancellationToken ct) => api.GetSourceScheduleAsync(id, ct);

    public Task<SourceScheduleInfo> SetSourceScheduleAsync(long id, string mode, string? interval, string? owner, CancellationToken ct) =>
        api.SetSourceScheduleAsync(id, new SourceScheduleRequest(mode, interval), ct);

    public async Task<CrawlSummaryInfo> CrawlSourcesAsync(long? id, string? owner, bool due, bool allowLoopback, CancellationToken ct) =>
        // The trigger's message is the API's greeting, not part of the summary the CLI prints.
        (id is { } one ? await api.CrawlSourceAsync(one, ct) : await api.TriggerCrawlAsync(ct: ct)) with { Message = null };

    public Task<CrawlLogList> ListCrawlLogsAsync(string? owner, long? sourceId, string? status, int limit, CancellationToken ct) =>
        api.ListCrawlLogsAsync(sourceId, status, limit: limit, ct: ct);

    public Task<CrawlStats> GetCrawlStatsAsync(string? owner, CancellationToken ct) => api.GetCrawlStatsAsync(ct);

    public Task<CrawlStatus> GetCrawlStatusAsync(string? owner, CancellationToken ct) => api.GetCrawlStatusAsync(ct);
}
