using Dapper;
using Rota.Storage;
using static Rota.Storage.Postgres.PostgresMapping;

namespace Rota.Storage.Postgres;

public sealed partial class PostgresStore
{
    public Task<IReadOnlyList<RunStatsRow>> RunStatsByTask(RunStatsParams p, CancellationToken ct = default) =>
        Read<IReadOnlyList<RunStatsRow>>(async c =>
            (await c.QueryAsync<(long TaskId, long Total, long Succeeded, long Failed, long Partial, long RecentTotal, long RecentSucceeded, long RecentFailed)>(
                Sql["RunStatsByTask"], new { since = Utc(p.Since) }))
            .Select(r => new RunStatsRow(r.TaskId, r.Total, r.Succeeded, r.Failed, r.Partial, r.RecentTotal, r.RecentSucceeded, r.RecentFailed)).ToList(), ct);

    public Task<IReadOnlyList<RunDailyRow>> RunDailyCounts(RunStatsParams p, CancellationToken ct = default) =>
        Read<IReadOnlyList<RunDailyRow>>(async c =>
            (await c.QueryAsync<(long TaskId, long Day, long Succeeded, long Failed)>(Sql["RunDailyCounts"], new { since = Utc(p.Since) }))
            .Select(r => new RunDailyRow(r.TaskId, DateOnly.FromDayNumber((int)r.Day + DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber), r.Succeeded, r.Failed)).ToList(), ct);

    public Task<IReadOnlyList<RunHourlyRow>> RunHourlyCounts(RunHourlyParams p, CancellationToken ct = default) =>
        Read<IReadOnlyList<RunHourlyRow>>(async c =>
            (await c.QueryAsync<(long Hour, long Succeeded, long Failed)>(Sql["RunHourlyCounts"], new { since = Utc(p.Since), owner = p.Owner }))
            .Select(r => new RunHourlyRow(DateTimeOffset.UnixEpoch.AddHours(r.Hour), r.Succeeded, r.Failed)).ToList(), ct);

    public Task<IReadOnlyList<RunDurationRow>> RunDurations(RunDurationParams p, CancellationToken ct = default) =>
        Read<IReadOnlyList<RunDurationRow>>(async c =>
            (await c.QueryAsync<(long TaskId, double DurationMs)>(Sql["RunDurations"], new { since = Utc(p.Since), limit = p.Limit }))
            .Select(r => new RunDurationRow(r.TaskId, r.DurationMs)).ToList(), ct);
}
