using Dapper;
using Rota.Storage;

namespace Rota.Storage.Sqlite;

public sealed partial class SqliteStore
{
    public Task<IReadOnlyList<RunStatsRow>> RunStatsByTask(RunStatsParams p, CancellationToken ct = default) =>
        ReadAsync<IReadOnlyList<RunStatsRow>>(async c =>
            (await c.QueryAsync<(long TaskId, long Total, long Succeeded, long Failed, long Partial, long RecentTotal, long RecentSucceeded, long RecentFailed)>(
                Sql["RunStatsByTask"], new { since = Ms(p.Since) }))
            .Select(r => new RunStatsRow(r.TaskId, r.Total, r.Succeeded, r.Failed, r.Partial, r.RecentTotal, r.RecentSucceeded, r.RecentFailed)).ToList(), ct);

    public Task<IReadOnlyList<RunDailyRow>> RunDailyCounts(RunStatsParams p, CancellationToken ct = default) =>
        ReadAsync<IReadOnlyList<RunDailyRow>>(async c =>
            (await c.QueryAsync<(long TaskId, long Day, long Succeeded, long Failed)>(Sql["RunDailyCounts"], new { since = Ms(p.Since) }))
            .Select(r => new RunDailyRow(r.TaskId, DateOnly.FromDayNumber((int)r.Day + DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber), r.Succeeded, r.Failed)).ToList(), ct);

    public Task<IReadOnlyList<RunHourlyRow>> RunHourlyCounts(RunHourlyParams p, CancellationToken ct = default) =>
        ReadAsync<IReadOnlyList<RunHourlyRow>>(async c =>
            (await c.QueryAsync<(long Hour, long Succeeded, long Failed)>(Sql["RunHourlyCounts"], new { since = Ms(p.Since), owner = p.Owner }))
            .Select(r => new RunHourlyRow(DateTimeOffset.UnixEpoch.AddHours(r.Hour), r.Succeeded, r.Failed)).ToList(), ct);

    public Task<IReadOnlyList<RunDurationRow>> RunDurations(RunDurationParams p, CancellationToken ct = default) =>
        ReadAsync<IReadOnlyList<RunDurationRow>>(async c =>
            (await c.QueryAsync<(long TaskId, double DurationMs)>(Sql["RunDurations"], new { since = Ms(p.Since), limit = p.Limit }))
            .Select(r => new RunDurationRow(r.TaskId, r.DurationMs)).ToList(), ct);
}
