using Rota.Crawler.Crawling;
using Rota.Crawler.Scheduling;

namespace Rota.Benchmarks.Schedule;

/// <summary>
/// Replays one source's post times in virtual time through the crawler's own scheduling code
/// (<see cref="CrawlScheduler"/>, <see cref="PostingProfile"/>): each crawl discovers every post published since the last,
/// then the mode picks the next crawl. No HTTP and no store: this measures the decisions, not the fetching.
/// </summary>
internal static class ScheduleReplay
{
    public sealed record Outcome(int Fetches, double Days, List<double> DelayMinutes);

    /// <param name="posts">Sorted post times; those before <paramref name="start"/> are the feed's backlog at the first crawl.</param>
    /// <param name="measureUntil">Posts after this are not measured (they may not be found before <paramref name="end"/>).</param>
    public static Outcome Run(CrawlerOptions o, CrawlScheduleMode mode, long sourceId, IReadOnlyList<DateTimeOffset> posts, int backlog,
        DateTimeOffset start, DateTimeOffset measureUntil, DateTimeOffset end)
    {
        var firstNew = posts.Count(p => p < start);
        var history = posts.Take(firstNew).TakeLast(backlog).ToList();
        var next = firstNew;
        var interval = o.DefaultPollInterval;
        var fetches = 0;
        var delays = new List<double>();
        for (var t = start; t < end;)
        {
            fetches++;
            var found = 0;
            for (; next < posts.Count && posts[next] <= t; next++, found++)
            {
                history.Add(posts[next]);
                if (posts[next] <= measureUntil) delays.Add((t - posts[next]).TotalMinutes);
            }
            if (history.Count > o.Predictive.MaxItems) history.RemoveRange(0, history.Count - o.Predictive.MaxItems);
            var profile = mode == CrawlScheduleMode.Predictive ? PostingProfile.Learn(history, t, o.Predictive) : null;
            var decision = CrawlScheduler.AfterSuccess(o, mode, sourceId, interval, found, profile, history.Count(h => h >= t - o.Predictive.Window), t);
            interval = decision.Interval;
            t = decision.Next;
        }
        return new Outcome(fetches, (end - start).TotalDays, delays);
    }
}
