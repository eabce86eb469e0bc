using Rota.Scheduling;

namespace Rota.Tests.Scheduling;

/// <summary>
/// Golden fire times across DST transitions (2026). Rule: a fixed-time schedule fires once per local date at the first
/// instant the wall clock reaches the time (gap → end of gap, overlap → first pass); interval schedules follow
/// elapsed time and fire in both passes. Expected instants were worked out by hand from the zone rules.
/// </summary>
public sealed class DstGoldenTests
{
    private static IReadOnlyList<string> Walk(string cron, string zone, string fromUtc, int count)
    {
        var compiled = ScheduleCompiler.Compile(new ScheduleDefinition { Specs = [TriggerSpec.ForCron(cron)], TimeZone = zone }, "golden");
        var cursor = DateTimeOffset.Parse(fromUtc, System.Globalization.CultureInfo.InvariantCulture);
        var result = new List<string>();
        for (var i = 0; i < count; i++)
        {
            cursor = compiled.NextAfter(cursor)!.Value;
            result.Add(cursor.UtcDateTime.ToString("yyyy-MM-ddTHH:mmZ", System.Globalization.CultureInfo.InvariantCulture));
        }
        return result;
    }

    [Theory]
    // New York: 2026-03-08 02:00 EST → 03:00 EDT. Daily 02:30 does not exist that day → 03:00 EDT (07:00Z).
    [InlineData("30 2 * * *", "America/New_York", "2026-03-07T00:00Z", "2026-03-07T07:30Z,2026-03-08T07:00Z,2026-03-09T06:30Z")]
    // New York: 2026-11-01 02:00 EDT → 01:00 EST. Daily 01:30 runs once, first pass (EDT, 05:30Z).
    [InlineData("30 1 * * *", "America/New_York", "2026-10-31T00:00Z", "2026-10-31T05:30Z,2026-11-01T05:30Z,2026-11-02T06:30Z")]
    // London: 2026-03-29 01:00 GMT → 02:00 BST. Daily 01:30 → 02:00 BST (01:00Z).
    [InlineData("30 1 * * *", "Europe/London", "2026-03-28T00:00Z", "2026-03-28T01:30Z,2026-03-29T01:00Z,2026-03-30T00:30Z")]
    // London: 2026-10-25 02:00 BST → 01:00 GMT. Daily 01:30 once, first pass (BST, 00:30Z).
    [InlineData("30 1 * * *", "Europe/London", "2026-10-24T00:00Z", "2026-10-24T00:30Z,2026-10-25T00:30Z,2026-10-26T01:30Z")]
    // Lord Howe (30-minute DST): 2026-10-04 02:00 +10:30 → 02:30 +11:00. Daily 02:15 → 02:30 +11:00 (15:30Z previous day).
    [InlineData("15 2 * * *", "Australia/Lord_Howe", "2026-10-02T00:00Z", "2026-10-02T15:45Z,2026-10-03T15:30Z,2026-10-04T15:15Z")]
    // Lord Howe: 2026-04-05 02:00 +11:00 → 01:30 +10:30. Daily 01:45 once, first pass (+11:00, 14:45Z).
    [InlineData("45 1 * * *", "Australia/Lord_Howe", "2026-04-03T00:00Z", "2026-04-03T14:45Z,2026-04-04T14:45Z,2026-04-05T15:15Z")]
    public void FixedTime_AcrossTransitions_FiresOncePerLocalDate(string cron, string zone, string from, string expected) =>
        Assert.Equal(expected.Split(','), Walk(cron, zone, from, 3));

    [Theory]
    // New York fall: */30 fires in both passes of 01:xx.
    [InlineData("*/30 * * * *", "America/New_York", "2026-11-01T04:45Z", "2026-11-01T05:00Z,2026-11-01T05:30Z,2026-11-01T06:00Z,2026-11-01T06:30Z,2026-11-01T07:00Z")]
    // New York spring: 02:00 and 02:30 do not exist; they collapse into one run at 03:00 EDT.
    [InlineData("*/30 * * * *", "America/New_York", "2026-03-08T06:15Z", "2026-03-08T06:30Z,2026-03-08T07:00Z,2026-03-08T07:30Z,2026-03-08T08:00Z,2026-03-08T08:30Z")]
    // London fall: hourly fires at 01:00 BST and 01:00 GMT.
    [InlineData("0 * * * *", "Europe/London", "2026-10-24T23:30Z", "2026-10-25T00:00Z,2026-10-25T01:00Z,2026-10-25T02:00Z,2026-10-25T03:00Z,2026-10-25T04:00Z")]
    // London spring: hourly skips the missing 01:00 hour and keeps elapsed time.
    [InlineData("0 * * * *", "Europe/London", "2026-03-28T23:30Z", "2026-03-29T00:00Z,2026-03-29T01:00Z,2026-03-29T02:00Z,2026-03-29T03:00Z,2026-03-29T04:00Z")]
    // Lord Howe fall: every 15 minutes fires in both passes of 01:30–02:00.
    [InlineData("*/15 * * * *", "Australia/Lord_Howe", "2026-04-04T14:20Z", "2026-04-04T14:30Z,2026-04-04T14:45Z,2026-04-04T15:00Z,2026-04-04T15:15Z,2026-04-04T15:30Z")]
    // Lord Howe spring: with seconds, every 15 minutes; 02:00 and 02:15 do not exist → one run at 02:30 +11:00.
    [InlineData("0 */15 * * * *", "Australia/Lord_Howe", "2026-10-03T15:10Z", "2026-10-03T15:15Z,2026-10-03T15:30Z,2026-10-03T15:45Z,2026-10-03T16:00Z,2026-10-03T16:15Z")]
    public void Interval_AcrossTransitions_FollowsElapsedTime(string cron, string zone, string from, string expected) =>
        Assert.Equal(expected.Split(','), Walk(cron, zone, from, 5));
}
