using Rota.Storage;

namespace Rota.Server.Endpoints;

/// <summary>Per-task run statistics for the caller's tasks: counts, success rate, duration percentiles, the last 24 h
/// and a 7-day trend. Shared by <c>/api/v1/stats</c> and seed 004's <c>/api/v1/scheduler/stats</c>.</summary>
public sealed class TaskStatistics(IRotaStore store, TimeProvider time, SlowReadCache cache)
{
    private sealed record StoreFigures(DateTimeOffset Now, IReadOnlyDictionary<long, RunStatsRow> Counts, ILookup<long, double> Durations,
        ILookup<long, RunDailyRow> Days);

    public async Task<IReadOnlyList<TaskStats>> ForAsync(IReadOnlyList<TaskRow> tasks, CancellationToken ct)
    {
        // Store-wide figures (every task's), so one cached read serves every caller; each sees only its tasks below.
        var (now, counts, durations, days) = await cache.GetAsync("task-statistics", ReadAsync, ct);
        var firstDay = DateOnly.FromDateTime(now.UtcDateTime).AddDays(-6);
        return tasks.Select(t =>
        {
            var c = counts.GetValueOrDefault(t.Id) ?? new RunStatsRow(t.Id, 0, 0, 0, 0, 0, 0, 0);
            var sorted = durations[t.Id].Order().ToList();
            var byDay = days[t.Id].ToDictionary(d => d.Day);
            var trend = Enumerable.Range(0, 7).Select(i => firstDay.AddDays(i))
                .Select(d => new DayStats(d, byDay.GetValueOrDefault(d)?.Succeeded ?? 0, byDay.GetValueOrDefault(d)?.Failed ?? 0)).ToList();
            var finished = c.Succeeded + c.Failed + c.Partial;
            return new TaskStats(t.Name, t.Definition.Owner, c.Total, c.Succeeded, c.Failed, c.Partial,
                finished == 0 ? null : Math.Round((double)c.Succeeded / finished, 4),
                new DurationStats(Percentile(sorted, 0.50), Percentile(sorted, 0.95), sorted.Count),
                new RecentStats(c.RecentTotal, c.RecentSucceeded, c.RecentFailed), trend, t.LastRunAt, t.LastStatus is { } s ? TextNames.Of(s) : null);
        }).ToList();
    }

    private async Task<StoreFigures> ReadAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var counts = (await store.RunStatsByTask(new RunStatsParams(now.AddHours(-24)), ct)).ToDictionary(r => r.TaskId);
        var durations = (await store.RunDurations(new RunDurationParams(now.AddDays(-7)), ct)).ToLookup(r => r.TaskId, r => r.DurationMs);
        var days = (await store.RunDailyCounts(new RunStatsParams(new DateTimeOffset(now.UtcDateTime.Date.AddDays(-6), TimeSpan.Zero)), ct)).ToLookup(r => r.TaskId);
        return new StoreFigures(now, counts, durations, days);
    }

    /// <summary>Sums over tasks: the figures of seed 004's six stat cards.</summary>
    public static StatsTotals Totals(IReadOnlyList<TaskRow> tasks, IReadOnlyList<TaskStats> stats) => new(
        tasks.Count, tasks.Count(t => t.Definition.Enabled), stats.Sum(s => s.Runs), stats.Sum(s => s.Succeeded),
        stats.Sum(s => s.Failed), stats.Sum(s => s.Last24h.Runs));

    private static double? Percentile(List<double> sorted, double q) =>
        sorted.Count == 0 ? null : Math.Round(sorted[Math.Clamp((int)Math.Ceiling(q * sorted.Count) - 1, 0, sorted.Count - 1)], 1);
}

public sealed record TaskStats(string Task, string? Owner, long Runs, long Succeeded, long Failed, long Partial, double? SuccessRate,
    DurationStats DurationMs, [property: System.Text.Json.Serialization.JsonPropertyName("last_24h")] RecentStats Last24h, IReadOnlyList<DayStats> Trend, DateTimeOffset? LastRunAt, string? LastStatus);

/// <summary>Seed 004's stat cards: Total Tasks, Enabled, Runs, Success, Failed, Last 24h.</summary>
public sealed record StatsTotals(int Tasks, int Enabled, long Runs, long Succeeded, long Failed,
    [property: System.Text.Json.Serialization.JsonPropertyName("last_24h")] long Last24h);

/// <summary>Percentiles over succeeded runs of the last 7 days (nearest-rank).</summary>
public sealed record DurationStats(double? P50, double? P95, int Samples);

public sealed record RecentStats(long Runs, long Succeeded, long Failed);

public sealed record DayStats(DateOnly Day, long Succeeded, long Failed);
