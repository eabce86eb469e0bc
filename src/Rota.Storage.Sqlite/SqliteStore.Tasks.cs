using Dapper;
using Rota.Storage;

namespace Rota.Storage.Sqlite;

public sealed partial class SqliteStore
{
    public async Task<TaskRow> TaskUpsert(TaskUpsertParams p, CancellationToken ct = default)
    {
        var d = p.Definition;
        var id = await WriteAsync((c, tx) => c.ExecuteScalarAsync<long>(Sql["TaskUpsert"], new
        {
            name = d.Name,
            handler = d.Handler,
            queue = d.Queue,
            priority = d.Priority,
            max_concurrency = d.Overlap.ConcurrencyLimit,
            enabled = d.Enabled ? 1 : 0,
            paused_reason = d.PausedReason,
            paused_until = Ms(d.PausedUntil),
            owner = d.Owner,
            definition = DefinitionJson.Serialize(d),
            keep_succeeded = d.Retention.KeepSucceeded,
            keep_failed = d.Retention.KeepFailed,
            max_age_ms = (long)d.Retention.EffectiveMaxAge.TotalMilliseconds,
            now = Ms(p.Now),
        }, tx), ct);
        return await TaskGetById(id, ct) ?? throw new RotaException("store.corrupt", $"store: task '{d.Name}' vanished after upsert");
    }

    public Task<TaskRow?> TaskGet(string name, CancellationToken ct = default) =>
        ReadCached("TaskGetByName", c => c.With("name", name), r => r.Parse<TaskDbRow>().Select(SqliteMapping.ToTask).FirstOrDefault(), ct);

    public Task<TaskRow?> TaskGetById(long id, CancellationToken ct = default) =>
        ReadCached("TaskGetById", c => c.With("id", id), r => r.Parse<TaskDbRow>().Select(SqliteMapping.ToTask).FirstOrDefault(), ct);

    public Task<IReadOnlyList<TaskRow>> TaskList(TaskListParams p, CancellationToken ct = default) =>
        ReadAsync<IReadOnlyList<TaskRow>>(async c => (await c.QueryAsync<TaskDbRow>(Sql["TaskList"],
            new { owner = p.Owner, enabled = p.Enabled is { } e ? (e ? 1 : 0) : (int?)null })).Select(SqliteMapping.ToTask).ToList(), ct);

    public Task<IReadOnlyList<TaskRow>> TaskListResumable(DateTimeOffset now, CancellationToken ct = default) =>
        ReadAsync<IReadOnlyList<TaskRow>>(async c => (await c.QueryAsync<TaskDbRow>(Sql["TaskListResumable"], new { now = Ms(now) }))
            .Select(SqliteMapping.ToTask).ToList(), ct);

    public Task<bool> TaskSetEnabled(TaskSetEnabledParams p, CancellationToken ct = default) =>
        WriteAsync(async (c, tx) => await c.ExecuteAsync(Sql["TaskSetEnabled"], new
        {
            name = p.Name,
            enabled = p.Enabled ? 1 : 0,
            reason = p.Enabled ? null : p.Reason,
            paused_until = p.Enabled ? null : Ms(p.PausedUntil),
            paused_until_text = p.Enabled ? null : p.PausedUntil?.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            now = Ms(p.Now),
        }, tx) > 0, ct);

    public Task<bool> TaskDelete(string name, CancellationToken ct = default) =>
        WriteAsync(async (c, tx) => await c.ExecuteAsync(Sql["TaskDelete"], new { name }, tx) > 0, ct);
}
