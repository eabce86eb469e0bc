using System.Globalization;

namespace Rota.Crawler.Scheduling;

/// <summary>
/// A source's learned posting intensity: a Poisson rate (items per hour) for each of the 168 hours of the week (UTC),
/// estimated from its items' times with exponentially decaying weights, and smoothed so an hour that saw nothing is rare
/// rather than impossible: <c>rate_b = (C_b + k·r_h) / (E_b + k)</c> with C_b the weighted items in bucket b, E_b its
/// weighted observed hours, k <see cref="PredictiveOptions.PriorHours"/> and r_h the rate of the same hour on all days,
/// itself <c>(C_h + k·r) / (E_h + k)</c> with r the overall rate.
/// </summary>
public sealed class PostingProfile
{
    public const int Buckets = 7 * 24;
    private readonly double[] _rates;

    private PostingProfile(double[] rates, int itemsUsed, double overallPerHour, DateTimeOffset since)
    {
        _rates = rates;
        ItemsUsed = itemsUsed;
        OverallPerHour = overallPerHour;
        Since = since;
    }

    /// <summary>Items the estimate rests on.</summary>
    public int ItemsUsed { get; }

    /// <summary>The decayed overall rate in items per hour.</summary>
    public double OverallPerHour { get; }

    /// <summary>Start of the observed span.</summary>
    public DateTimeOffset Since { get; }

    /// <summary>Items per hour in the hour-of-week bucket <paramref name="bucket"/> (0 = Monday 00:00–01:00 UTC).</summary>
    public double RateAt(int bucket) => _rates[bucket];

    /// <summary>The rates as 7 rows (Monday first) of 24 hours.</summary>
    public double[][] Weekly() => [.. Enumerable.Range(0, 7).Select(d => _rates.AsSpan(d * 24, 24).ToArray())];

    /// <summary>The bucket of an instant: Monday 00:00 UTC is 0.</summary>
    public static int BucketOf(DateTimeOffset t)
    {
        var u = t.UtcDateTime;
        return ((int)u.DayOfWeek + 6) % 7 * 24 + u.Hour;
    }

    /// <summary>Learns from item times (published, or first seen). Null while the source has too little history:
    /// fewer than <see cref="PredictiveOptions.MinItems"/> items in the window, or all of them within one day.</summary>
    public static PostingProfile? Learn(IEnumerable<DateTimeOffset> itemTimes, DateTimeOffset now, PredictiveOptions o)
    {
        var windowStart = now - o.Window;
        // A publisher's clock a little ahead of ours still counts as now; dates far ahead are bogus.
        var times = itemTimes.Where(t => t >= windowStart && t <= now + TimeSpan.FromHours(1)).Select(t => t > now ? now : t).ToList();
        if (times.Count < o.MinItems) return null;
        var since = times.Min();
        if (now - since < TimeSpan.FromDays(1)) return null;
        var decayPerHour = Math.Log(2) / o.HalfLife.TotalHours;
        double Weight(DateTimeOffset t) => Math.Exp(-decayPerHour * (now - t).TotalHours);

        var counts = new double[Buckets];
        foreach (var t in times) counts[BucketOf(t)] += Weight(t);
        var exposure = new double[Buckets];
        for (var from = since; from < now;)
        {
            var to = Min(NextHour(from), now);
            exposure[BucketOf(from)] += (to - from).TotalHours * Weight(from + (to - from) / 2);
            from = to;
        }
        var overall = counts.Sum() / exposure.Sum();
        // Two levels of shrinkage: an hour of the day borrows from the overall rate, an hour of the week from its hour
        // of the day — a daily poster's Monday 19:00 has seen few posts, but 19:00 on all days has seen many.
        var hourOfDay = new double[24];
        for (var h = 0; h < 24; h++)
        {
            double c = 0, e = 0;
            for (var d = 0; d < 7; d++) { c += counts[d * 24 + h]; e += exposure[d * 24 + h]; }
            hourOfDay[h] = (c + o.PriorHours * overall) / (e + o.PriorHours);
        }
        var rates = new double[Buckets];
        for (var b = 0; b < Buckets; b++) rates[b] = (counts[b] + o.PriorHours * hourOfDay[b % 24]) / (exposure[b] + o.PriorHours);
        return new PostingProfile(rates, times.Count, overall, since);
    }

    /// <summary>Items expected between two instants.</summary>
    public double ExpectedItems(DateTimeOffset from, DateTimeOffset to)
    {
        var sum = 0.0;
        while (from < to)
        {
            var end = Min(NextHour(from), to);
            sum += (end - from).TotalHours * _rates[BucketOf(from)];
            from = end;
        }
        return sum;
    }

    /// <summary>The earliest instant after <paramref name="from"/> by which <paramref name="items"/> items are expected,
    /// or null when that is later than <paramref name="notAfter"/>.</summary>
    public DateTimeOffset? WhenExpected(DateTimeOffset from, double items, DateTimeOffset notAfter)
    {
        var sum = 0.0;
        while (from < notAfter)
        {
            var end = Min(NextHour(from), notAfter);
            var rate = _rates[BucketOf(from)];
            var add = (end - from).TotalHours * rate;
            if (sum + add >= items) return from + TimeSpan.FromHours((items - sum) / rate);
            sum += add;
            from = end;
        }
        return null;
    }

    /// <summary>When the busy stretch <paramref name="from"/> lies in ends: the first hour after it whose rate is at or below
    /// the overall rate. Null when <paramref name="from"/> is not in a busy hour or the stretch outlasts <paramref name="notAfter"/>.</summary>
    public DateTimeOffset? BusyUntil(DateTimeOffset from, DateTimeOffset notAfter)
    {
        if (_rates[BucketOf(from)] <= OverallPerHour) return null;
        for (var t = NextHour(from); t < notAfter; t = t.AddHours(1))
            if (_rates[BucketOf(t)] <= OverallPerHour) return t;
        return null;
    }

    /// <summary>Where the posting concentrates, e.g. "posts mostly Mon–Fri 09:00–10:00 UTC, about 5.1 a week".</summary>
    public string Describe()
    {
        var perWeek = _rates.Sum();
        var dayMass = Enumerable.Range(0, 7).Select(d => _rates.AsSpan(d * 24, 24).ToArray().Sum()).ToArray();
        var days = Enumerable.Range(0, 7).Where(d => dayMass[d] >= dayMass.Max() / 2).ToList();
        var hourMass = Enumerable.Range(0, 24).Select(h => days.Sum(d => _rates[d * 24 + h])).ToArray();
        var hours = Enumerable.Range(0, 24).Where(h => hourMass[h] >= hourMass.Max() / 2).ToList();
        var when = (days.Count, hours.Count) switch
        {
            (7, 24) => "evenly around the clock",
            (7, _) => $"mostly {HourRanges(hours)} UTC",
            (_, 24) => $"mostly {DayRanges(days)}",
            _ => $"mostly {DayRanges(days)} {HourRanges(hours)} UTC",
        };
        return string.Create(CultureInfo.InvariantCulture, $"posts {when}, about {Rounded(perWeek)} a week");
    }

    private static string Rounded(double v) => v >= 10 ? v.ToString("0", CultureInfo.InvariantCulture) : v.ToString("0.#", CultureInfo.InvariantCulture);

    private static readonly string[] DayNames = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

    private static string DayRanges(List<int> days) =>
        string.Join(", ", Runs(days).Select(r => r.First == r.Last ? DayNames[r.First] : $"{DayNames[r.First]}–{DayNames[r.Last]}"));

    private static string HourRanges(List<int> hours) =>
        string.Join(", ", Runs(hours).Select(r => string.Create(CultureInfo.InvariantCulture, $"{r.First:00}:00–{(r.Last + 1) % 24:00}:00")));

    private static IEnumerable<(int First, int Last)> Runs(List<int> sorted)
    {
        for (var i = 0; i < sorted.Count;)
        {
            var j = i;
            while (j + 1 < sorted.Count && sorted[j + 1] == sorted[j] + 1) j++;
            yield return (sorted[i], sorted[j]);
            i = j + 1;
        }
    }

    private static DateTimeOffset NextHour(DateTimeOffset t) =>
        new DateTimeOffset(t.UtcDateTime.Year, t.UtcDateTime.Month, t.UtcDateTime.Day, t.UtcDateTime.Hour, 0, 0, TimeSpan.Zero).AddHours(1);

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
}
