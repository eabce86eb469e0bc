using Dapper;
using Rota.Storage;

using static Rota.Storage.Postgres.PostgresMapping;

namespace Rota.Storage.Postgres;

public sealed partial class PostgresStore
{
    private sealed class AlertStateDb
    {
        public string Rule { get; set; } = "";
        public string SubjectKey { get; set; } = "";
        public string Status { get; set; } = "";
        public DateTime Since { get; set; }
        public DateTime? LastSentAt { get; set; }
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
        public DateTime CreatedAt { get; set; }
        public DateTime? SentAt { get; set; }
        public string Summary { get; set; } = "";

        public AlertDeliveryRow ToRow() => new(Id, Rule, Channel, SubjectKey, Kind, Status, (int)Attempts, LastError, At(CreatedAt), At(SentAt), Summary);
    }

    private sealed class AlertConfigDb
    {
        public string Document { get; set; } = "";
        public DateTime UpdatedAt { get; set; }
    }

    public Task<AlertConfigRow?> AlertConfigGet(CancellationToken ct = default) =>
        Read(async c => await c.QuerySingleOrDefaultAsync<AlertConfigDb>(Sql["AlertConfigGet"]) is { } r
            ? new AlertConfigRow(r.Document, At(r.UpdatedAt)) : null, ct);

    public Task AlertConfigSet(AlertConfigSetParams p, CancellationToken ct = default) =>
        Write((c, tx) => c.ExecuteAsync(Sql["AlertConfigSet"], new { document = p.Document, now = Utc(p.Now) }, tx), ct);

    public Task<bool> AlertStateFire(AlertStateFireParams p, CancellationToken ct = default) =>
        Write(async (c, tx) =>
        {
            var due = await c.ExecuteScalarAsync<string?>(Sql["AlertStateFire"], new
            {
                rule = p.Rule, subject_key = p.SubjectKey, now = Utc(p.Now), repeat_before = p.RepeatAfter is { } r ? Utc(p.Now - r) : (DateTimeOffset?)null,
            }, tx) is not null;
            if (!due) await c.ExecuteAsync(Sql["AlertStateCount"], new { rule = p.Rule, subject_key = p.SubjectKey }, tx);
            return due;
        }, ct);

    public Task<bool> AlertStateResolve(AlertStateResolveParams p, CancellationToken ct = default) =>
        Write(async (c, tx) => await c.ExecuteAsync(Sql["AlertStateResolve"], new { rule = p.Rule, subject_key = p.SubjectKey, now = Utc(p.Now) }, tx) > 0, ct);

    public Task AlertStateSeen(AlertStateSeenParams p, CancellationToken ct = default) =>
        Write((c, tx) => c.ExecuteAsync(Sql["AlertStateSeen"], new { rule = p.Rule, subject_key = p.SubjectKey, seen_at = Utc(p.SeenAt) }, tx), ct);

    public Task<IReadOnlyList<AlertStateRow>> AlertStateList(AlertStateListParams p, CancellationToken ct = default) =>
        Read<IReadOnlyList<AlertStateRow>>(async c => (await c.QueryAsync<AlertStateDb>(Sql["AlertStateList"], new
        {
            rule = p.Rule, status = p.Status, limit = Math.Clamp(p.Limit, 1, 10_000),
        })).Select(r => r.ToRow()).ToList(), ct);

    public Task<long> AlertDeliveryInsert(AlertDeliveryInsertParams p, CancellationToken ct = default) =>
        Write((c, tx) => c.ExecuteScalarAsync<long>(Sql["AlertDeliveryInsert"], new
        {
            rule = p.Rule, channel = p.Channel, subject_key = p.SubjectKey, kind = p.Kind, now = Utc(p.Now), summary = p.Summary,
        }, tx), ct);

    public Task<bool> AlertDeliveryUpdate(AlertDeliveryUpdateParams p, CancellationToken ct = default) =>
        Write(async (c, tx) => await c.ExecuteAsync(Sql["AlertDeliveryUpdate"], new
        {
            id = p.Id, status = p.Status, attempts = p.Attempts, last_error = p.LastError, sent_at = Utc(p.SentAt),
        }, tx) > 0, ct);

    public Task<IReadOnlyList<AlertDeliveryRow>> AlertDeliveryList(AlertDeliveryListParams p, CancellationToken ct = default) =>
        Read<IReadOnlyList<AlertDeliveryRow>>(async c => (await c.QueryAsync<AlertDeliveryDb>(Sql["AlertDeliveryList"], new
        {
            rule = p.Rule, channel = p.Channel, status = p.Status, limit = Math.Clamp(p.Limit, 1, 1000),
        })).Select(r => r.ToRow()).ToList(), ct);
}
