using Dapper;
using Rota.Storage;
using static Rota.Storage.Postgres.PostgresMapping;

namespace Rota.Storage.Postgres;

public sealed partial class PostgresStore
{
    public async Task<TaskRow> TaskUpsert(TaskUpsertParams p, CancellationToken ct = default)
    {
        var d = p.Definition;
        var id = await Write((c, tx) => c.ExecuteScalarAsync<long>(Sql["TaskUpsert"], new
        {
            name = d.Name,
            handler = d.Handler,
            queue = d.Queue,
            priority = d.Priority,
            max_concurrency = d.Overlap.ConcurrencyLimit,
            enabled = d.Enabled,
            paused_reason = d.PausedReason,
            paused_until = Utc(d.PausedUntil),
            owner = d.Owner,
            definition = DefinitionJson.Serialize(d),
            keep_succeeded = d.Retention.KeepSucceeded,
            keep_failed = d.Retention.KeepFailed,
            max_age_ms = (long)d.Retention.EffectiveMaxAge.TotalMilliseconds,
            now = Utc(p.Now),
        }, tx), ct);
        return await TaskGetById(id, ct) ?? throw new RotaException("store.corrupt", $"store: task '{d.Name}' vanished after upsert");
    }

    public Task<TaskRow?> TaskGet(string name, CancellationToken ct = default) =>
        Read(async c => (await c.QueryFirstOrDefaultAsync<TaskDbRow>(Sql["TaskGetByName"], new { name })) is { } r ? ToTask(r) : null, ct);

    public Task<TaskRow?> TaskGetById(long id, CancellationToken ct = default) =>
        Read(async c => (await c.QueryFirstOrDefaultAsync<TaskDbRow>(Sql["TaskGetById"], new { id })) is { } r ? ToTask(r) : null, ct);

    public Task<IReadOnlyList<TaskRow>> TaskList(TaskListParams p, CancellationToken ct = default) =>
        Read<IReadOnlyList<TaskRow>>(async c => (await c.QueryAsync<TaskDbRow>(Sql["TaskList"], new { owner = p.Owner, enabled = p.Enabled }))
            .Select(ToTask).ToList(), ct);

    public Task<IReadOnlyList<TaskRow>> TaskListResumable(DateTimeOffset now, CancellationToken ct = default) =>
        Read<IReadOnlyList<TaskRow>>(async c => (await c.QueryAsync<TaskDbRow>(Sql["TaskListResumable"], new { now = Utc(now) }))
            .Select(ToTask).ToList(), ct);

    public Task<bool> TaskSetEnabled(TaskSetEnabledParams p, CancellationToken ct = default) =>
        Write(async (c, tx) => await c.ExecuteAsync(Sql["TaskSetEnabled"], new
        {
            name = p.Name,
            enabled = p.Enabled,
            reason = p.Enabled ? null : p.Reason,
            paused_until = p.Enabled ? null : Utc(p.PausedUntil),
            paused_until_text = p.Enabled ? null : p.PausedUntil?.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            now = Utc(p.Now),
        }, tx) > 0, ct, StoreChanges.Schedules);

    public Task<bool> TaskDelete(string name, CancellationToken ct = default) =>
        Write(async (c, tx) => await c.ExecuteAsync(Sql["TaskDelete"], new { name }, tx) > 0, ct);
}
