using System.Text.Json.Nodes;
using Dapper;
using Rota.Storage;

namespace Rota.Storage.Sqlite;

public sealed partial class SqliteStore
{
    private sealed class SourceDb
    {
        public long Id { get; set; }
        public string Owner { get; set; } = "";
        public string Name { get; set; } = "";
        public string Kind { get; set; } = "";
        public string Input { get; set; } = "";
        public string Url { get; set; } = "";
        public string NormalizedUrl { get; set; } = "";
        public string Status { get; set; } = "";
        public string? ErrorMessage { get; set; }
        public string? ErrorCode { get; set; }
        public long? ErrorTransient { get; set; }
        public long? ErrorSince { get; set; }
        public long ConsecutiveErrors { get; set; }
        public string? Etag { get; set; }
        public string? LastModified { get; set; }
        public long? LastCrawledAt { get; set; }
        public long? LastAttemptAt { get; set; }
        public long? NextCrawlAt { get; set; }
        public long PollIntervalSeconds { get; set; }
        public long ItemsTotal { get; set; }
        public long CreatedAt { get; set; }
        public long UpdatedAt { get; set; }
        public string? Metadata { get; set; }
        public string? Rules { get; set; }

        public SourceRow ToRow() => new()
        {
            Id = Id, Owner = Owner, Name = Name, Kind = Kind, Input = Input, Url = Url, NormalizedUrl = NormalizedUrl, Status = Status,
            ErrorMessage = ErrorMessage, ErrorCode = ErrorCode, ErrorTransient = ErrorTransient is { } t ? t != 0 : null, ErrorSince = At(ErrorSince),
            ConsecutiveErrors = (int)ConsecutiveErrors, ETag = Etag, LastModified = LastModified, LastCrawledAt = At(LastCrawledAt),
            LastAttemptAt = At(LastAttemptAt), NextCrawlAt = At(NextCrawlAt), PollIntervalSeconds = (int)PollIntervalSeconds, ItemsTotal = ItemsTotal,
            CreatedAt = At(CreatedAt), UpdatedAt = At(UpdatedAt), Metadata = Metadata is null ? null : JsonNode.Parse(Metadata) as JsonObject,
            Rules = Rules is null ? null : JsonNode.Parse(Rules) as JsonObject,
        };
    }

    public Task<SourceRow> SourceUpsert(SourceUpsertParams p, CancellationToken ct = default) =>
        WriteAsync(async (c, tx) => (await c.QuerySingleAsync<SourceDb>(Sql["SourceUpsert"], new
        {
            owner = p.Owner, name = p.Name, kind = p.Kind, input = p.Input, url = p.Url, normalized_url = p.NormalizedUrl,
            poll_interval_seconds = p.PollIntervalSeconds, now = Ms(p.Now), metadata = p.Metadata?.ToJsonString(),
        }, tx)).ToRow(), ct);

    public Task<SourceRow?> SourceGet(SourceGetParams p, CancellationToken ct = default) =>
        ReadAsync(async c => (await c.QuerySingleOrDefaultAsync<SourceDb>(Sql["SourceGet"], new { id = p.Id, owner = p.Owner }))?.ToRow(), ct);

    public Task<IReadOnlyList<SourceRow>> SourceList(SourceListParams p, CancellationToken ct = default) =>
        ReadAsync<IReadOnlyList<SourceRow>>(async c => (await c.QueryAsync<SourceDb>(Sql["SourceList"], new
        {
            owner = p.Owner, status = p.Status, due_before = Ms(p.DueBefore), limit = Math.Clamp(p.Limit, 1, 100_000),
        })).Select(s => s.ToRow()).ToList(), ct);

    public Task<bool> SourceDelete(SourceDeleteParams p, CancellationToken ct = default) =>
        WriteAsync(async (c, tx) => await c.ExecuteAsync(Sql["SourceDelete"], new { id = p.Id, owner = p.Owner }, tx) > 0, ct);

    public Task<SourceRow?> SourceUpdateAfterCrawl(SourceUpdateAfterCrawlParams p, CancellationToken ct = default) =>
        WriteAsync(async (c, tx) => (await c.QuerySingleOrDefaultAsync<SourceDb>(Sql["SourceUpdateAfterCrawl"], new
        {
            id = p.Id, status = p.Status, failed = p.Failed ? 1 : 0, error_code = p.ErrorCode, error_message = p.ErrorMessage,
            error_transient = p.ErrorTransient is { } t ? (t ? 1 : 0) : (int?)null, etag = p.ETag, last_modified = p.LastModified,
            next_crawl_at = Ms(p.NextCrawlAt), poll_interval_seconds = p.PollIntervalSeconds, now = Ms(p.Now), url = p.Url,
            schedule_reason = p.ScheduleReason,
        }, tx))?.ToRow(), ct);

    public Task<SourceRow?> SourceSetSchedule(SourceSetScheduleParams p, CancellationToken ct = default) =>
        WriteAsync(async (c, tx) => (await c.QuerySingleOrDefaultAsync<SourceDb>(Sql["SourceSetSchedule"], new
        {
            id = p.Id, owner = p.Owner, mode = p.Mode, reason = p.Reason, poll_interval_seconds = p.PollIntervalSeconds,
            next_crawl_at = Ms(p.NextCrawlAt), now = Ms(p.Now),
        }, tx))?.ToRow(), ct);

    public Task<SourceRow?> SourceSetRules(SourceSetRulesParams p, CancellationToken ct = default) =>
        WriteAsync(async (c, tx) => (await c.QuerySingleOrDefaultAsync<SourceDb>(Sql["SourceSetRules"], new
        {
            id = p.Id, owner = p.Owner, rules = p.Rules?.ToJsonString(), now = Ms(p.Now),
        }, tx))?.ToRow(), ct);
}
