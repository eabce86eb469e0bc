using System.Data;
using Dapper;
using Microsoft.Data.Sqlite;
using Rota.Storage;

namespace Rota.Storage.Sqlite;

public sealed partial class SqliteStore
{
    public Task<ScheduleRow?> ScheduleGet(long id, CancellationToken ct = default) =>
        ReadAsync(async c => (await c.QueryFirstOrDefaultAsync<ScheduleDbRow>(Sql["ScheduleGet"], new { id })) is { } r ? SqliteMapping.ToSchedule(r) : null, ct);

    public Task<IReadOnlyList<ScheduleRow>> ScheduleList(ScheduleListParams p, CancellationToken ct = default) =>
        ReadAsync<IReadOnlyList<ScheduleRow>>(async c => (await c.QueryAsync<ScheduleDbRow>(Sql["ScheduleList"], new { task_id = p.TaskId }))
            .Select(SqliteMapping.ToSchedule).ToList(), ct);

    public Task<IReadOnlyList<ScheduleRow>> ScheduleGetDue(ScheduleGetDueParams p, CancellationToken ct = default) =>
        ReadAsync<IReadOnlyList<ScheduleRow>>(async c => (await c.QueryAsync<ScheduleDbRow>(Sql["ScheduleGetDue"], new { now = Ms(p.Now), limit = p.Limit }))
            .Select(SqliteMapping.ToSchedule).ToList(), ct);

    public Task<DateTimeOffset?> ScheduleNextFireAt(CancellationToken ct = default) =>
        ReadAsync(async c => At(await c.ExecuteScalarAsync<long?>(Sql["ScheduleNextFireAt"])), ct);

    public Task ScheduleSetNext(ScheduleSetNextParams p, CancellationToken ct = default) =>
        WriteAsync((c, tx) => c.ExecuteAsync(Sql["ScheduleSetNext"],
            new { id = p.ScheduleId, next_nominal_at = Ms(p.NextNominalAt), next_fire_at = Ms(p.NextFireAt) }, tx), ct);

    public Task<IReadOnlyList<IReadOnlyList<RunInsertResult>>> ScheduleFireMany(IReadOnlyList<ScheduleFireParams> fires, CancellationToken ct = default) =>
        WriteAsync<IReadOnlyList<IReadOnlyList<RunInsertResult>>>(async (c, tx) =>
        {
            var all = new List<IReadOnlyList<RunInsertResult>>(fires.Count);
            foreach (var p in fires)
            {
                all.Add(await InsertRuns(tx, p.Runs));
                await c.ExecuteAsync(Sql["ScheduleAdvance"], new
                {
                    id = p.ScheduleId,
                    last_nominal_at = Ms(p.LastNominalAt),
                    next_nominal_at = Ms(p.NextNominalAt),
                    next_fire_at = Ms(p.NextFireAt),
                    fired = p.FiredCount,
                }, tx);
            }
            return all;
        }, ct);

    public async Task<IReadOnlyList<ScheduleRow>> ScheduleSync(ScheduleSyncParams p, CancellationToken ct = default)
    {
        await WriteAsync(async (c, tx) =>
        {
            var existing = (await c.QueryAsync<ScheduleDbRow>(Sql["ScheduleListForTask"], new { task_id = p.TaskId }, tx)).ToList();
            foreach (var item in p.Items)
            {
                var json = DefinitionJson.Serialize(item.Definition);
                var args = new
                {
                    task_id = p.TaskId,
                    name = item.Definition.Name,
                    definition = json,
                    enabled = item.Definition.Enabled ? 1 : 0,
                    next_nominal_at = Ms(item.NextNominalAt),
                    next_fire_at = Ms(item.NextFireAt),
                    now = Ms(p.Now),
                    id = existing.FirstOrDefault(e => e.Name == item.Definition.Name)?.Id ?? 0,
                };
                var old = existing.FirstOrDefault(e => e.Name == item.Definition.Name);
                if (old is null) await c.ExecuteAsync(Sql["ScheduleInsert"], args, tx);
                else if (old.Definition != json) await c.ExecuteAsync(Sql["ScheduleReplace"], args, tx);
            }
            foreach (var gone in existing.Where(e => p.Items.All(i => i.Definition.Name != e.Name)))
                await c.ExecuteAsync(Sql["ScheduleDelete"], new { id = gone.Id }, tx);
            return 0;
        }, ct);
        return await ScheduleList(new ScheduleListParams(p.TaskId), ct);
    }

    private Task<IReadOnlyList<RunInsertResult>> InsertRuns(IDbTransaction tx, IReadOnlyList<RunInsertParams> runs)
    {
        var results = new List<RunInsertResult>(runs.Count);
        var insert = Cached("RunInsert", tx);
        foreach (var r in runs)
        {
            var id = insert.With("task_id", r.TaskId).With("schedule_id", r.ScheduleId).With("trigger", TextNames.Of(r.Trigger))
                .With("triggered_by", r.TriggeredBy).With("status", TextNames.Of(r.Status)).With("reason", r.Reason)
                .With("queue", r.Queue).With("priority", r.Priority).With("nominal_time", Ms(r.NominalTime))
                .With("scheduled_at", Ms(r.ScheduledAt)).With("now", Ms(r.Now))
                .With("ended_at", r.Status is Runs.RunStatus.Scheduled or Runs.RunStatus.Available ? null : Ms(r.Now))
                .With("max_attempts", r.MaxAttempts).With("parameters", r.Parameters?.ToJsonString())
                .With("idempotency_key", r.IdempotencyKey)
                .With("parent_run_id", r.ParentRunId).With("step", r.Step).ExecuteScalar();
            if (id is long inserted) { results.Add(new RunInsertResult(inserted, true)); continue; }
            var existing = r.IdempotencyKey is not null
                ? Cached("RunFindIdempotent", tx).With("task_id", r.TaskId).With("idempotency_key", r.IdempotencyKey).ExecuteScalar()
                : Cached("RunFindOccurrence", tx).With("schedule_id", r.ScheduleId).With("nominal_time", Ms(r.NominalTime)).ExecuteScalar();
            results.Add(new RunInsertResult(existing is long e ? e : 0, false));
        }
        return Task.FromResult<IReadOnlyList<RunInsertResult>>(results);
    }
}
