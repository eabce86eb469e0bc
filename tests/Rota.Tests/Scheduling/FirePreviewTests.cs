using Rota.Scheduling;

namespace Rota.Tests.Scheduling;

public sealed class FirePreviewTests
{
    private static ScheduleDefinition Ny(string cron) => new() { Specs = [TriggerSpec.ForCron(cron)], TimeZone = "America/New_York" };

    [Fact]
    public void Next_SpringGap_NotesTheShiftedFixedTime()
    {
        var fires = FirePreview.Next(Ny("30 2 * * *"), "p", new DateTimeOffset(2026, 3, 7, 0, 0, 0, TimeSpan.Zero), 3);
        Assert.Null(fires[0].Note);
        Assert.Equal(new DateTimeOffset(2026, 3, 8, 7, 0, 0, TimeSpan.Zero), fires[1].Utc);
        Assert.Equal("02:30 does not exist on 2026-03-08 (DST starts) → runs at 03:00 (UTC-04:00)", fires[1].Note);
        Assert.Equal(new TimeSpan(2, 30, 0), fires[2].Local.TimeOfDay);
    }

    [Fact]
    public void Next_FallOverlap_NotesTheSingleFirstPassRun()
    {
        var fires = FirePreview.Next(Ny("30 1 * * *"), "p", new DateTimeOffset(2026, 10, 31, 12, 0, 0, TimeSpan.Zero), 2);
        Assert.Equal("01:30 occurs twice on 2026-11-01 (DST ends) → runs once, first pass (UTC-04:00)", fires[0].Note);
        Assert.Equal(TimeSpan.FromHours(-4), fires[0].Local.Offset);
        Assert.Equal("DST ended: clocks moved from UTC-04:00 to UTC-05:00", fires[1].Note);
    }

    [Fact]
    public void Next_IntervalAcrossFallBack_MarksBothPasses()
    {
        var fires = FirePreview.Next(Ny("*/30 * * * *"), "p", new DateTimeOffset(2026, 11, 1, 4, 45, 0, TimeSpan.Zero), 5);
        Assert.Equal(4, fires.Count(f => f.Note is not null && f.Note.Contains("occurs twice", StringComparison.Ordinal)));
        Assert.Equal([-4, -4, -5, -5, -5], fires.Select(f => (int)f.Local.Offset.TotalHours));
    }

    [Fact]
    public void Next_BadCount_IsRejected() =>
        Assert.Equal("preview.bad_count", Assert.Throws<RotaException>(() => FirePreview.Next(Ny("* * * * *"), "p", default, 0)).Code);
}
