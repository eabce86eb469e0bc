using System.Text.Json.Nodes;
using Dapper;
using Npgsql;
using Rota.Storage;
using static Rota.Storage.Postgres.PostgresMapping;

namespace Rota.Storage.Postgres;

public sealed partial class PostgresStore
{
    public Task<ScheduleRow?> ScheduleGet(long id, CancellationToken ct = default) =>
        Read(async c => (await c.QueryFirstOrDefaultAsync<ScheduleDbRow>(Sql["ScheduleGet"], new { id })) is { } r ? ToSchedule(r) : null, ct);

    public Task<IReadOnlyList<ScheduleRow>> ScheduleList(ScheduleListParams p, CancellationToken ct = default) =>
        Read<IReadOnlyList<ScheduleRow>>(async c => (await c.QueryAsync<ScheduleDbRow>(Sql["ScheduleList"], new { task_id = p.TaskId }))
            .Select(ToSchedule).ToList(), ct);

    public Task<IReadOnlyList<ScheduleRow>> ScheduleGetDue(ScheduleGetDueParams p, CancellationToken ct = default) =>
        Read<IReadOnlyList<ScheduleRow>>(async c => (await c.QueryAsync<ScheduleDbRow>(Sql["ScheduleGetDue"], new { now = Utc(p.Now), limit = p.Limit }))
            .Select(ToSchedule).ToList(), ct);

    public Task<DateTimeOffset?> ScheduleNextFireAt(CancellationToken ct = default) =>
        Read(async c => At(await c.ExecuteScalarAsync<DateTime?>(Sql["ScheduleNextFireAt"])), ct);

    public Task ScheduleSetNext(ScheduleSetNextParams p, CancellationToken ct = default) =>
        Write((c, tx) => c.ExecuteAsync(Sql["ScheduleSetNext"],
            new { id = p.ScheduleId, next_nominal_at = Utc(p.NextNominalAt), next_fire_at = Utc(p.NextFireAt) }, tx), ct,
            StoreChanges.Schedules);

    /// <summary>All fires in one transaction and one round trip: every run of every fire in one RunInsert, every
    /// schedule advanced by one ScheduleAdvance. Two nodes firing the same occurrence insert one run between them.</summary>
    public Task<IReadOnlyList<IReadOnlyList<RunInsertResult>>> ScheduleFireMany(IReadOnlyList<ScheduleFireParams> fires, CancellationToken ct = default)
    {
        if (fires.Count == 0) return Task.FromResult<IReadOnlyList<IReadOnlyList<RunInsertResult>>>([]);
        return Write<IReadOnlyList<IReadOnlyList<RunInsertResult>>>(async (c, tx) =>
        {
            var runs = fires.SelectMany(f => f.Runs).ToList();
            var advance = BatchCommand("ScheduleAdvance")
                .Bind("ids", fires.Select(f => f.ScheduleId).ToArray())
                .Bind("last_nominal_at", fires.Select(f => UtcDateTime(f.LastNominalAt)).ToArray())
                .Bind("next_nominal_at", fires.Select(f => UtcDateTime(f.NextNominalAt)).ToArray())
                .Bind("next_fire_at", fires.Select(f => UtcDateTime(f.NextFireAt)).ToArray())
                .Bind("fired", fires.Select(f => f.FiredCount).ToArray());
            var inserted = await InsertRuns(c, tx, runs, advance, ct);
            var all = new List<IReadOnlyList<RunInsertResult>>(fires.Count);
            var offset = 0;
            foreach (var f in fires)
            {
                all.Add(inserted.Skip(offset).Take(f.Runs.Count).ToList());
                offset += f.Runs.Count;
            }
            return all;
        }, ct);
    }

    public async Task<IReadOnlyList<ScheduleRow>> ScheduleSync(ScheduleSyncParams p, CancellationToken ct = default)
    {
        await Write(async (c, tx) =>
        {
            var existing = (await c.QueryAsync<ScheduleDbRow>(Sql["ScheduleListForTask"], new { task_id = p.TaskId }, tx)).ToList();
            var changed = 0;
            foreach (var item in p.Items)
            {
                var json = DefinitionJson.Serialize(item.Definition);
                var old = existing.FirstOrDefault(e => e.Name == item.Definition.Name);
                var args = new
                {
                    task_id = p.TaskId,
                    name = item.Definition.Name,
                    definition = json,
                    enabled = item.Definition.Enabled,
                    next_nominal_at = Utc(item.NextNominalAt),
                    next_fire_at = Utc(item.NextFireAt),
                    now = Utc(p.Now),
                    id = old?.Id ?? 0,
                };
                if (old is null) changed += await c.ExecuteAsync(Sql["ScheduleInsert"], args, tx);
                else if (!SameJson(old.Definition, json)) changed += await c.ExecuteAsync(Sql["ScheduleReplace"], args, tx);
            }
            foreach (var gone in existing.Where(e => p.Items.All(i => i.Definition.Name != e.Name)))
                changed += await c.ExecuteAsync(Sql["ScheduleDelete"], new { id = gone.Id }, tx);
            // Only a real change wakes the leader: a node applying an unchanged config file on start announces nothing.
            if (changed > 0 && WakeCommand(StoreChanges.Schedules) is { } wake)
            {
                await using var b = new NpgsqlBatch(c, tx) { BatchCommands = { wake } };
                await b.ExecuteNonQueryAsync(ct);
            }
            return 0;
        }, ct);
        return await ScheduleList(new ScheduleListParams(p.TaskId), ct);
    }

    /// <summary>jsonb normalizes key order and spacing, so stored and new definitions are compared as JSON.</summary>
    private static bool SameJson(string stored, string fresh) => JsonNode.DeepEquals(JsonNode.Parse(stored), JsonNode.Parse(fresh));
}
