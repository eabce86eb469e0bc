using Rota.Benchmarks.Measure;

namespace Rota.Benchmarks.Stats;

/// <summary>
/// Fires of every-second schedules judged over a window [from, to]: each schedule should fire once at every whole
/// second in the window from its first fire on (a schedule that never fired is expected from <c>from</c>).
/// Missed = expected occurrences not observed; duplicates = observations beyond one per occurrence.
/// Lateness = handler start − nominal occurrence, over every observation in the window.
/// </summary>
internal sealed record PrecisionAnalysis(
    int Schedules, long Expected, long Fires, long Missed, long Duplicates,
    double P50Ms, double P99Ms, double MaxMs, double MinMs, double MeanMs)
{
    public static PrecisionAnalysis Analyze(IReadOnlyList<FireRecord> fires, IReadOnlyCollection<string> keys, DateTimeOffset from, DateTimeOffset to)
    {
        var first = WholeSecondCeiling(from);
        var last = WholeSecondFloor(to);
        var byKey = fires.GroupBy(f => f.Key).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        long expected = 0, observed = 0, missed = 0, duplicates = 0;
        var lateness = new List<double>();
        foreach (var key in keys)
        {
            var all = byKey.GetValueOrDefault(key) ?? [];
            var start = all.Count == 0 ? first : Max(first, all.Min(f => f.Nominal));
            var inWindow = all.Where(f => f.Nominal >= start && f.Nominal <= last).ToList();
            var expectedHere = last >= start ? (long)(last - start).TotalSeconds + 1 : 0;
            var distinct = inWindow.Select(f => f.Nominal.UtcTicks).Distinct().LongCount();
            expected += expectedHere;
            observed += inWindow.Count;
            missed += Math.Max(0, expectedHere - distinct);
            duplicates += inWindow.Count - distinct;
            lateness.AddRange(inWindow.Select(f => f.LatenessMs));
        }
        lateness.Sort();
        return new PrecisionAnalysis(keys.Count, expected, observed, missed, duplicates,
            Percentiles.OfSorted(lateness, 50), Percentiles.OfSorted(lateness, 99),
            lateness.Count > 0 ? lateness[^1] : double.NaN, lateness.Count > 0 ? lateness[0] : double.NaN,
            lateness.Count > 0 ? lateness.Average() : double.NaN);
    }

    private static DateTimeOffset WholeSecondCeiling(DateTimeOffset t)
    {
        var floor = WholeSecondFloor(t);
        return floor == t ? t : floor.AddSeconds(1);
    }

    private static DateTimeOffset WholeSecondFloor(DateTimeOffset t) =>
        new(t.UtcTicks - t.UtcTicks % TimeSpan.TicksPerSecond, TimeSpan.Zero);

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}
