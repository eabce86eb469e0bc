namespace Rota.Benchmarks.Schedule;

/// <summary>Synthetic posting habits for the schedule replay, each a generator of post times over a span. "Corpus-like"
/// ones imitate common kinds of feed (a weekly podcast, a company blog, a news site); none is a recorded history.</summary>
internal static class PostingHistories
{
    public sealed record Habit(string Name, string Description, Func<Random, DateTimeOffset, DateTimeOffset, IEnumerable<DateTimeOffset>> Posts);

    public static readonly Habit[] All =
    [
        new("weekday-9am", "one post each weekday at 09:10 ± 20 min", (r, from, to) =>
            Days(from, to).Where(Weekday).Select(d => d.AddHours(9).AddMinutes(10 + r.Next(-20, 21)))),
        new("business-hours", "Poisson, 8 a weekday between 08:00 and 18:00, none at weekends", (r, from, to) =>
            Days(from, to).Where(Weekday).SelectMany(d => Poisson(r, 8).Select(_ => d.AddHours(8 + 10 * r.NextDouble())))),
        new("daily-evening", "one post a day between 18:00 and 20:00, every day", (r, from, to) =>
            Days(from, to).Select(d => d.AddHours(18 + 2 * r.NextDouble()))),
        new("news-site", "Poisson, 3 an hour 06:00–22:00 and 0.3 an hour at night, every day", (r, from, to) =>
            Days(from, to).SelectMany(d => Enumerable.Range(0, 24).SelectMany(h =>
                Poisson(r, h is >= 6 and < 22 ? 3 : 0.3).Select(_ => d.AddHours(h + r.NextDouble()))))),
        new("weekly-podcast", "one episode every Tuesday at 05:00", (_, from, to) =>
            Days(from, to).Where(d => d.DayOfWeek == DayOfWeek.Tuesday).Select(d => d.AddHours(5))),
        new("company-blog", "Poisson, 2 a week on weekdays 09:00–17:00", (r, from, to) =>
            Days(from, to).Where(Weekday).SelectMany(d => Poisson(r, 0.4).Select(_ => d.AddHours(9 + 8 * r.NextDouble())))),
        new("no-pattern", "Poisson, 1 every 8 hours, any time (nothing to learn)", (r, from, to) =>
            Days(from, to).SelectMany(d => Poisson(r, 3).Select(_ => d.AddHours(24 * r.NextDouble())))),
    ];

    private static bool Weekday(DateTimeOffset d) => d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);

    private static IEnumerable<DateTimeOffset> Days(DateTimeOffset from, DateTimeOffset to)
    {
        for (var d = new DateTimeOffset(from.UtcDateTime.Date, TimeSpan.Zero); d < to; d = d.AddDays(1)) yield return d;
    }

    /// <summary>A Poisson-distributed number of draws (Knuth's method; fine for small means).</summary>
    private static IEnumerable<int> Poisson(Random r, double mean)
    {
        var limit = Math.Exp(-mean);
        var p = r.NextDouble();
        for (var k = 0; p > limit; k++)
        {
            yield return k;
            p *= r.NextDouble();
        }
    }
}
