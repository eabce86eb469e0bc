using Dapper;
using Rota.Storage;

namespace Rota.Storage.Sqlite;

public sealed partial class SqliteStore
{
    private sealed class AlertStateDb
    {
        public string Rule { get; set; } = "";
        public string SubjectKey { get; set; } = "";
        public string Status { get; set; } = "";
        public long Since { get; set; }
        public long? LastSentAt { get; set; }
        public long Count { get; set; }

        public AlertStateRow ToRow() => new(Rule, SubjectKey, Status, At(Since), At(LastSentAt), (int)Count);
    }

    private sealed class AlertDeliveryDb
    {
        public long Id { get; set; }
        public string Rule { get; set; } = "";
        public string Channel { get; set; } = "";
        public string SubjectKey { get; set; } = "";
        public string Kind { get; set; } = "";
        public string Status { get; set; } = "";
        public long Attempts { get; set; }
        public string? LastError { get; set; }
        public long CreatedAt { get; set; }
        public long? SentAt { get; set; }
        public string Summary { get; set; } = "";

        public AlertDeliveryRow ToRow() => new(Id, Rule, Channel, SubjectKey, Kind, Status, (int)Attempts, LastError, At(CreatedAt), At(SentAt), Summary);
    }

    private sealed class AlertConfigDb
    {
        public string Document { get; set; } = "";
        public long UpdatedAt { get; set; }
    }

    public Task<AlertConfigRow?> AlertConfigGet(CancellationToken ct = default) =>
        ReadAsync(async c => await c.QuerySingleOrDefaultAsync<AlertConfigDb>(Sql["AlertConfigGet"]) is { } r
            ? new AlertConfigRow(r.Document, At(r.UpdatedAt)) : null, ct);

    public Task AlertConfigSet(AlertConfigSetParams p, CancellationToken ct = default) =>
        WriteAsync((c, tx) => c.ExecuteAsync(Sql["AlertConfigSet"], new { document = p.Document, now = Ms(p.Now) }, tx), ct);

    public Task<bool> AlertStateFire(AlertStateFireParams p, CancellationToken ct = default) =>
        WriteAsync(async (c, tx) =>
        {
            var due = await c.ExecuteScalarAsync<string?>(Sql["AlertStateFire"], new
            {
                rule = p.Rule, subject_key = p.SubjectKey, now = Ms(p.Now), repeat_before = p.RepeatAfter is { } r ? Ms(p.Now - r) : (long?)null,
            }, tx) is not null;
            if (!due) await c.ExecuteAsync(Sql["AlertStateCount"], new { rule = p.Rule, subject_key = p.SubjectKey }, tx);
            return due;
        }, ct);

    public Task<bool> AlertStateResolve(AlertStateResolveParams p, CancellationToken ct = default) =>
        WriteAsync(async (c, tx) => await c.ExecuteAsync(Sql["AlertStateResolve"], new { rule = p.Rule, subject_key = p.SubjectKey, now = Ms(p.Now) }, tx) > 0, ct);

    public Task AlertStateSeen(AlertStateSeenParams p, CancellationToken ct = default) =>
        WriteAsync((c, tx) => c.ExecuteAsync(Sql["AlertStateSeen"], new { rule = p.Rule, subject_key = p.SubjectKey, seen_at = Ms(p.SeenAt) }, tx), ct);

    public Task<IReadOnlyList<AlertStateRow>> AlertStateList(AlertStateListParams p, CancellationToken ct = default) =>
        ReadAsync<IReadOnlyList<AlertStateRow>>(async c => (await c.QueryAsync<AlertStateDb>(Sql["AlertStateList"], new
        {
            rule = p.Rule, status = p.Status, limit = Math.Clamp(p.Limit, 1, 10_000),
        })).Select(r => r.ToRow()).ToList(), ct);

    public Task<long> AlertDeliveryInsert(AlertDeliveryInsertParams p, CancellationToken ct = default) =>
        WriteAsync((c, tx) => c.ExecuteScalarAsync<long>(Sql["AlertDeliveryInsert"], new
        {
            rule = p.Rule, channel = p.Channel, subject_key = p.SubjectKey, kind = p.Kind, now = Ms(p.Now), summary = p.Summary,
        }, tx), ct);

    public Task<bool> AlertDeliveryUpdate(AlertDeliveryUpdateParams p, CancellationToken ct = default) =>
        WriteAsync(async (c, tx) => await c.ExecuteAsync(Sql["AlertDeliveryUpdate"], new
        {
            id = p.Id, status = p.Status, attempts = p.Attempts, last_error = p.LastError, sent_at = Ms(p.SentAt),
        }, tx) > 0, ct);

    public Task<IReadOnlyList<AlertDeliveryRow>> AlertDeliveryList(AlertDeliveryListParams p, CancellationToken ct = default) =>
        ReadAsync<IReadOnlyList<AlertDeliveryRow>>(async c => (await c.QueryAsync<AlertDeliveryDb>(Sql["AlertDeliveryList"], new
        {
            rule = p.Rule, channel = p.Channel, status = p.Status, limit = Math.Clamp(p.Limit, 1, 1000),
        })).Select(r => r.ToRow()).ToList(), ct);
}
