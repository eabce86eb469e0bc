using Rota.Crawler.Crawling;
using Rota.Crawler.Scheduling;

namespace Rota.Crawler.Tests.Scheduling;

public sealed class PostingProfileTests
{
    // A Monday, 12:00 UTC.
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 12, 0, 0, TimeSpan.Zero);
    private static readonly PredictiveOptions O = PredictiveOptions.Default;

    private static List<DateTimeOffset> WeekdayPosts(int weeks, TimeSpan at) =>
        [.. new WeekdayPublisher(at, 1000).PostsBefore(Now).Where(t => t > Now.AddDays(-7 * weeks))];

    [Fact]
    public void Learn_FewItemsOrLessThanADay_IsNull()
    {
        Assert.Null(PostingProfile.Learn(WeekdayPosts(1, TimeSpan.FromHours(9)).Take(O.MinItems - 1), Now, O));
        Assert.Null(PostingProfile.Learn([.. Enumerable.Range(0, 20).Select(i => Now.AddMinutes(-i))], Now, O));
        Assert.NotNull(PostingProfile.Learn(WeekdayPosts(4, TimeSpan.FromHours(9)), Now, O));
    }

    [Fact]
    public void Learn_WeekdayMornings_PeakAtNineOnWeekdays_SmallButNotZeroElsewhere()
    {
        var p = PostingProfile.Learn(WeekdayPosts(6, new TimeSpan(9, 10, 0)), Now, O)!;
        var tuesdayNine = p.RateAt(1 * 24 + 9);
        var tuesdayThree = p.RateAt(1 * 24 + 3);
        var saturdayNine = p.RateAt(5 * 24 + 9);
        Assert.InRange(tuesdayNine, 0.5, 1.0);
        Assert.InRange(tuesdayThree, 1e-4, tuesdayNine / 50);
        // Saturday's 09:00 borrows from 09:00 on all days, so it is likelier than Saturday night, but far below Tuesday's.
        Assert.InRange(saturdayNine, tuesdayThree * 5, tuesdayNine / 3);
        // About five a week, whatever the smoothing.
        Assert.InRange(p.Weekly().Sum(d => d.Sum()), 4.0, 6.5);
        Assert.StartsWith("posts mostly Mon–Fri 09:00–10:00 UTC, about ", p.Describe());
    }

    [Fact]
    public void WhenExpected_ReachesThresholdInsideTheNextPostingHour()
    {
        var p = PostingProfile.Learn(WeekdayPosts(6, new TimeSpan(9, 10, 0)), Now, O)!;
        var after = new DateTimeOffset(2026, 3, 2, 10, 0, 0, TimeSpan.Zero);
        var at = p.WhenExpected(after, 0.5, after.AddDays(2))!.Value;
        Assert.InRange(at, new DateTimeOffset(2026, 3, 3, 9, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 3, 3, 10, 0, 0, TimeSpan.Zero));
        Assert.Equal(0.5, p.ExpectedItems(after, at), 6);
        Assert.Null(p.WhenExpected(after, 50, after.AddDays(2)));
    }

    [Fact]
    public void Decay_NewerHabitWins()
    {
        // Six weeks at 17:00, then two weeks at 09:00: the new hour must already weigh more.
        var old = WeekdayPosts(8, TimeSpan.FromHours(17)).Where(t => t < Now.AddDays(-14));
        var recent = WeekdayPosts(2, TimeSpan.FromHours(9));
        var p = PostingProfile.Learn(old.Concat(recent), Now, O)!;
        Assert.True(p.RateAt(2 * 24 + 9) > p.RateAt(2 * 24 + 17), $"09:00 {p.RateAt(2 * 24 + 9)} vs 17:00 {p.RateAt(2 * 24 + 17)}");
    }

    [Fact]
    public void Scheduler_Predictive_ClampsToMinAndMax_AndExplains()
    {
        var o = new CrawlerOptions { Schedule = CrawlScheduleMode.Predictive };
        var busy = PostingProfile.Learn([.. Enumerable.Range(0, 400).Select(i => Now.AddMinutes(-10 * i))], Now, O)!;
        var d = CrawlScheduler.AfterSuccess(o, CrawlScheduleMode.Predictive, 1, TimeSpan.FromHours(1), 3, busy, 400, Now);
        Assert.Equal(Now + o.MinPollInterval, d.Next);
        Assert.Contains("(min interval)", d.Reason);

        var quiet = PostingProfile.Learn([.. Enumerable.Range(0, 10).Select(i => Now.AddDays(-5 * i - 1).AddHours(-9))], Now, O)!;
        d = CrawlScheduler.AfterSuccess(o, CrawlScheduleMode.Predictive, 1, TimeSpan.FromHours(1), 0, quiet, 10, Now);
        Assert.Equal((Now + o.MaxPollInterval, CrawlScheduleMode.Predictive), (d.Next, d.DecidedBy));
        Assert.Contains("(max interval)", d.Reason);
    }

    [Fact]
    public void Scheduler_PredictiveWithoutProfile_Adapts_FixedKeepsItsInterval()
    {
        var o = new CrawlerOptions();
        var learning = CrawlScheduler.AfterSuccess(o, CrawlScheduleMode.Predictive, 1, TimeSpan.FromHours(1), 2, null, 3, Now);
        Assert.Equal((Now.AddMinutes(30), CrawlScheduleMode.Adaptive), (learning.Next, learning.DecidedBy));
        Assert.Equal("learning (3 of 8 items over at least a day), adaptive meanwhile: 2 new item(s): interval halved to 30m", learning.Reason);

        var fixedOne = CrawlScheduler.AfterSuccess(o, CrawlScheduleMode.Fixed, 1, TimeSpan.FromHours(2), 5, null, 0, Now);
        Assert.Equal((Now.AddHours(2), TimeSpan.FromHours(2), "fixed interval 2h"), (fixedOne.Next, fixedOne.Interval, fixedOne.Reason));
    }

    [Fact]
    public void Scheduler_Predictive_InsideABusyStretchWithTooFewExpected_SweepsAtItsEnd()
    {
        // Daily posts between 18:00 and 20:00; a crawl at 19:20 found nothing yet: the rest of the stretch holds less than
        // the threshold, but waiting for tomorrow's would leave a late post a day behind.
        var r = new Random(1);
        var posts = Enumerable.Range(1, 28).Select(d => Now.Date.AddDays(-d).AddHours(18 + 2 * r.NextDouble())).Select(t => new DateTimeOffset(t, TimeSpan.Zero));
        var at = new DateTimeOffset(2026, 3, 2, 19, 20, 0, TimeSpan.Zero);
        var p = PostingProfile.Learn(posts, at, O)!;
        Assert.True(p.ExpectedItems(at, at.AddMinutes(40)) < O.Threshold);
        var d = CrawlScheduler.AfterSuccess(new CrawlerOptions(), CrawlScheduleMode.Predictive, 3, TimeSpan.FromHours(1), 0, p, 28, at);
        Assert.InRange(d.Next, at.AddMinutes(40), at.AddMinutes(40) + O.Jitter / 2);
        Assert.Contains("(end of its busy hours)", d.Reason);
    }

    [Fact]
    public void Jitter_IsStablePerSourceAndWithinSpread()
    {
        var spread = TimeSpan.FromMinutes(5);
        var offsets = Enumerable.Range(1, 200).Select(id => CrawlScheduler.Jitter(id, Now, spread)).ToList();
        Assert.All(offsets, j => Assert.InRange(j, -spread / 2, spread / 2));
        Assert.True(offsets.Distinct().Count() > 190);
        Assert.Equal(CrawlScheduler.Jitter(7, Now, spread), CrawlScheduler.Jitter(7, Now, spread));
        Assert.Equal(TimeSpan.Zero, CrawlScheduler.Jitter(7, Now, TimeSpan.Zero));
    }
}
