using System.Text.Json.Nodes;
using Dapper;
using Rota.Storage;
using static Rota.Storage.Postgres.PostgresMapping;

namespace Rota.Storage.Postgres;

public sealed partial class PostgresStore
{
    private sealed class CrawlLogDb
    {
        public long Id { get; set; }
        public string Owner { get; set; } = "";
        public long? SourceId { get; set; }
        public long? RunId { get; set; }
        public string CrawlType { get; set; } = "";
        public string Status { get; set; } = "";
        public long ItemsFetched { get; set; }
        public long ItemsNew { get; set; }
        public string? ErrorMessage { get; set; }
        public string? ErrorDetails { get; set; }
        public long? DurationMs { get; set; }
        public DateTime StartedAt { get; set; }
        public DateTime? CompletedAt { get; set; }
        public string? Metadata { get; set; }

        public CrawlLogRow ToRow() => new()
        {
            Id = Id, Owner = Owner, SourceId = SourceId, RunId = RunId, CrawlType = CrawlType, Status = Status,
            ItemsFetched = (int)ItemsFetched, ItemsNew = (int)ItemsNew, ErrorMessage = ErrorMessage, ErrorDetails = Object(ErrorDetails),
            DurationMs = DurationMs, StartedAt = At(StartedAt), CompletedAt = At(CompletedAt), Metadata = Object(Metadata),
        };
    }

    private sealed class CrawlStatsDb
    {
        public long TotalCrawls { get; set; }
        public long Successful { get; set; }
        public long Failed { get; set; }
        public long Partial { get; set; }
        public long TotalItemsFetched { get; set; }
        public long TotalItemsNew { get; set; }
        public DateTime? LastCrawlAt { get; set; }
        public double AvgDurationMs { get; set; }
    }

    private static JsonObject? Object(string? json) => json is null ? null : JsonNode.Parse(json) as JsonObject;

    public Task<long> CrawlLogStart(CrawlLogStartParams p, CancellationToken ct = default) =>
        Write((c, tx) => c.ExecuteScalarAsync<long>(Sql["CrawlLogStart"], new
        {
            owner = p.Owner, source_id = p.SourceId, run_id = p.RunId, crawl_type = p.CrawlType, now = Utc(p.Now), metadata = p.Metadata?.ToJsonString(),
        }, tx), ct);

    public Task<bool> CrawlLogFinish(CrawlLogFinishParams p, CancellationToken ct = default) =>
        Write(async (c, tx) => await c.ExecuteAsync(Sql["CrawlLogFinish"], new
        {
            id = p.Id, status = p.Status, items_fetched = p.ItemsFetched, items_new = p.ItemsNew, error_message = p.ErrorMessage,
            error_details = p.ErrorDetails?.ToJsonString(), duration_ms = p.DurationMs, now = Utc(p.Now), metadata = p.Metadata?.ToJsonString(),
        }, tx) > 0, ct);

    public Task<IReadOnlyList<CrawlLogRow>> CrawlLogList(CrawlLogListParams p, CancellationToken ct = default) =>
        Read<IReadOnlyList<CrawlLogRow>>(async c => (await c.QueryAsync<CrawlLogDb>(Sql["CrawlLogList"], new
        {
            owner = p.Owner, source_id = p.SourceId, status = p.Status, before_id = p.BeforeId, limit = Math.Clamp(p.Limit, 1, 1000),
        })).Select(l => l.ToRow()).ToList(), ct);

    public Task<CrawlLogStats> CrawlLogStats(CrawlLogStatsParams p, CancellationToken ct = default) =>
        Read(async c =>
        {
            var s = await c.QuerySingleAsync<CrawlStatsDb>(Sql["CrawlLogStats"], new { owner = p.Owner });
            return CrawlStats.From(s.TotalCrawls, s.Successful, s.Failed, s.Partial, s.TotalItemsFetched, s.TotalItemsNew, At(s.LastCrawlAt), s.AvgDurationMs);
        }, ct);

    public Task<int> CrawlLogPrune(CrawlLogPruneParams p, CancellationToken ct = default) =>
        Write((c, tx) => c.ExecuteAsync(Sql["CrawlLogPrune"], new { older_than = Utc(p.OlderThan), limit = Math.Max(1, p.Limit) }, tx), ct);
}
