using Rota.Scheduling;

namespace Rota.Tests.Scheduling;

public sealed class ScheduleCompilerTests
{
    private static readonly DateTimeOffset Jan1 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static CompiledSchedule Compile(string zone = "UTC", params TriggerSpec[] specs) =>
        ScheduleCompiler.Compile(new ScheduleDefinition { Specs = specs, TimeZone = zone }, "task-a");

    [Theory]
    [InlineData("0 0 30 2 *", "day-of-month '30'")]
    [InlineData("0 0 31 4 *", "day-of-month '31'")]
    [InlineData("0 0 0 31 11 *", "month '11'")]
    public void Compile_ExpressionThatNeverFires_IsRejectedNamingTheFields(string cron, string mention)
    {
        var ex = Assert.Throws<RotaException>(() => Compile(specs: TriggerSpec.ForCron(cron)));
        Assert.Equal("cron.never_fires", ex.Code);
        Assert.Contains(mention, ex.Message);
    }

    [Theory]
    [InlineData("61 * * * *", "minute field '61'")]
    [InlineData("* 24 * * *", "hour field '24'")]
    [InlineData("* * * 13 *", "month field '13'")]
    [InlineData("* * * * 9", "day-of-week field '9'")]
    [InlineData("* * *", "has 3 field(s)")]
    [InlineData("abc", "has 1 field(s)")]
    [InlineData("@fortnightly", "unknown macro")]
    [InlineData("H(50-70) * * * *", "outside 0-59")]
    public void Compile_MalformedExpression_NamesTheField(string cron, string mention)
    {
        var ex = Assert.Throws<RotaException>(() => Compile(specs: TriggerSpec.ForCron(cron)));
        Assert.Equal("cron.invalid_field", ex.Code);
        Assert.Contains(mention, ex.Message);
    }

    [Fact]
    public void Compile_UnknownTimeZone_IsRejected()
    {
        var ex = Assert.Throws<RotaException>(() => Compile("Mars/Olympus_Mons", TriggerSpec.ForCron("0 2 * * *")));
        Assert.Equal("schedule.bad_time_zone", ex.Code);
        Assert.Contains("Mars/Olympus_Mons", ex.Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    public void Compile_NonPositiveInterval_IsRejected(int seconds)
    {
        var ex = Assert.Throws<RotaException>(() => Compile(specs: TriggerSpec.ForEvery(TimeSpan.FromSeconds(seconds))));
        Assert.Equal("schedule.invalid", ex.Code);
    }

    [Fact]
    public void Hash_SameKey_GivesTheSameGoldenExpansionInEveryProcess()
    {
        // Golden values: SHA-256 based, so any process, machine or runtime computes exactly these.
        var a = ScheduleCompiler.CompileCron("H H * * *", "nightly-report").Expanded;
        var again = ScheduleCompiler.CompileCron("H H * * *", "nightly-report").Expanded;
        Assert.Equal(a, again);
        Assert.Equal("0 31 11 * * *", a);
    }

    [Fact]
    public void Hash_DifferentKeysSpreadAndRangesAndStepsHold()
    {
        var minutes = Enumerable.Range(0, 50).Select(i => ScheduleCompiler.CompileCron("H * * * *", $"task-{i}").Expanded.Split(' ')[1]).Distinct().Count();
        Assert.True(minutes > 20, $"50 keys should spread over many minutes, got {minutes}");
        for (var i = 0; i < 30; i++)
        {
            var f = ScheduleCompiler.CompileCron("H(10-20) H(2-4) * * *", $"k{i}").Expanded.Split(' ');
            Assert.InRange(int.Parse(f[1]), 10, 20);
            Assert.InRange(int.Parse(f[2]), 2, 4);
            var step = ScheduleCompiler.CompileCron("H/15 * * * *", $"k{i}").Expanded.Split(' ')[1];
            Assert.Matches(@"^\d+-59/15$", step);
            Assert.InRange(int.Parse(step.Split('-')[0]), 0, 14);
        }
        var dom = ScheduleCompiler.CompileCron("0 0 H * *", "monthly").Expanded.Split(' ')[3];
        Assert.InRange(int.Parse(dom), 1, 28);
    }

    [Fact]
    public void Every_IsAnchoredAtEpochPlusPhase()
    {
        var c = Compile(specs: TriggerSpec.ForEvery(TimeSpan.FromMinutes(5), TimeSpan.FromSeconds(30)));
        Assert.Equal(Jan1.AddSeconds(30), c.NextAfter(Jan1));
        Assert.Equal(Jan1.AddMinutes(5).AddSeconds(30), c.NextAfter(Jan1.AddSeconds(30)));
        Assert.Equal(Jan1.AddMinutes(5).AddSeconds(30), c.NextAfter(Jan1.AddMinutes(3)));
    }

    [Fact]
    public void At_FiresOnceThenIsExhausted()
    {
        var c = Compile(specs: TriggerSpec.ForAt(Jan1.AddHours(3)));
        Assert.Equal(Jan1.AddHours(3), c.NextAfter(Jan1));
        Assert.Null(c.NextAfter(Jan1.AddHours(3)));
    }

    [Fact]
    public void Union_OfTwoCronsInAZone_GivesSeed003sThreeDailyRuns()
    {
        var c = Compile("Europe/Berlin", TriggerSpec.ForCron("0 8,12 * * *"), TriggerSpec.ForCron("0 23 * * *"));
        var t = new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.FromHours(2));
        var fires = new List<int>();
        for (var i = 0; i < 4; i++) { t = c.NextAfter(t)!.Value; fires.Add(TimeZoneInfo.ConvertTime(t, c.Zone).Hour); }
        Assert.Equal([8, 12, 23, 8], fires);
    }

    [Fact]
    public void Bounds_StartEndAndExcludedDatesAreHonoured()
    {
        var def = new ScheduleDefinition
        {
            Specs = [TriggerSpec.ForCron("0 9 * * *")],
            StartAt = Jan1.AddDays(2),
            EndAt = Jan1.AddDays(5),
            ExcludedDates = [new DateOnly(2026, 1, 4)],
        };
        var c = ScheduleCompiler.Compile(def, "b");
        var fires = new List<DateTimeOffset>();
        for (var t = c.NextAfter(Jan1); t is { } x; t = c.NextAfter(x)) fires.Add(x);
        Assert.Equal([Jan1.AddDays(2).AddHours(9), Jan1.AddDays(4).AddHours(9)], fires);
    }

    [Fact]
    public void Jitter_IsDeterministicBoundedAndCappedBelowTheNextOccurrence()
    {
        var def = new ScheduleDefinition { Specs = [TriggerSpec.ForCron("*/10 * * * *")], Jitter = TimeSpan.FromHours(1) };
        var c = ScheduleCompiler.Compile(def, "j");
        var values = Enumerable.Range(0, 20).Select(i => c.JitterFor(Jan1.AddMinutes(10 * i))).ToList();
        Assert.All(values, v => Assert.InRange(v, TimeSpan.Zero, TimeSpan.FromMinutes(5)));
        Assert.Equal(values, Enumerable.Range(0, 20).Select(i => c.JitterFor(Jan1.AddMinutes(10 * i))));
        Assert.True(values.Distinct().Count() > 10);
        Assert.Equal(TimeSpan.Zero, Compile(specs: TriggerSpec.ForCron("* * * * *")).JitterFor(Jan1));
    }
}
