using Rota.Server.Dashboard;
using Rota.Server.Dashboard.Models;
using Rota.Storage;

namespace Rota.Server.Tests;

/// <summary>The dashboard's form logic without a browser: the task form's JSON document and error placement, the cron
/// explanation behind <c>/ui/cron/explain</c>, and the overview's hourly buckets from store counts.</summary>
public sealed class DashboardFormLogicTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 28, 10, 17, 0, TimeSpan.Zero);

    [Fact]
    public void ToDocument_EveryField_BecomesTheApiTaskDocument()
    {
        var errors = new List<FieldError>();
        var doc = TaskFormService.ToDocument(new TaskFormModel
        {
            Name = " check ", Handler = "http", Description = "d", ScheduleKind = "cron", Cron = "0 2 * * *", TimeZone = "Europe/Berlin",
            Every = "5m", Parameters = """{"url":"https://x.test"}""", Queue = "q", Timeout = "30s", Attempts = "4", Overlap = "buffer_one",
            Misfire = "skip", Tags = "a, b,", Enabled = false,
        }, errors);
        Assert.Empty(errors);
        Assert.Equal("""{"name":"check","handler":"http","description":"d","cron":"0 2 * * *","time_zone":"Europe/Berlin","parameters":{"url":"https://x.test"},"queue":"q","timeout":"30s","retry":{"attempts":4},"overlap":"buffer_one","misfire":"skip","tags":["a","b"],"enabled":false}""",
            doc.ToJsonString());
    }

    [Fact]
    public void ToDocument_BadParametersAndAttempts_ReportedOnTheirFields()
    {
        var errors = new List<FieldError>();
        var doc = TaskFormService.ToDocument(new TaskFormModel { Name = "x", Handler = "noop", ScheduleKind = "none", Parameters = "[1]", Attempts = "three" }, errors);
        Assert.Equal(["parameters", "attempts"], errors.Select(e => e.Field));
        Assert.False(doc.ContainsKey("cron"));
        Assert.False(doc.ContainsKey("every"));
        TaskFormService.ToDocument(new TaskFormModel { Name = "x", Handler = "noop", Parameters = "{oops" }, errors);
        Assert.Contains(errors, e => e.Field == "parameters" && e.Message.StartsWith("Parameters are not valid JSON", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(".retry.attempts", "attempts")]
    [InlineData(".cron", "cron")]
    [InlineData(".time_zone", "time_zone")]
    [InlineData(".every", "every")]
    [InlineData(".parameters.url", "parameters")]
    [InlineData(".name", "name")]
    [InlineData("", null)]
    public void FieldOf_ErrorPath_PointsAtTheFormField(string path, string? field) => Assert.Equal(field, TaskFormService.FieldOf(path));

    [Fact]
    public void CronExplanation_ValidExpression_DescribedWithFiresInTheZone()
    {
        var x = CronExplanation.Of("30 2 * * *", "Europe/Berlin", Now);
        Assert.True(x.Ok);
        Assert.Contains("02:30", x.Description, StringComparison.Ordinal);
        Assert.Equal(5, x.Fires.Count);
        // 2026-03-29 is the spring-forward day in Berlin: 02:30 does not exist and the preview says so.
        Assert.StartsWith("Sun 2026-03-29", x.Fires[0], StringComparison.Ordinal);
        Assert.Contains("(", x.Fires[0], StringComparison.Ordinal);
        Assert.StartsWith("Mon 2026-03-30 02:30 +02:00", x.Fires[1], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("61 * * * *", "UTC", "61")]
    [InlineData("0 2 * * *", "Mars/Olympus", "Mars/Olympus")]
    [InlineData("", "UTC", "Type a cron expression")]
    public void CronExplanation_Invalid_SaysWhy(string expression, string zone, string mention)
    {
        var x = CronExplanation.Of(expression, zone, Now);
        Assert.False(x.Ok);
        Assert.Empty(x.Fires);
        Assert.Contains(mention, x.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Hours_StoreCounts_PlacedInTheirBucketsAndMissingHoursZero()
    {
        var current = new DateTimeOffset(2026, 3, 28, 10, 0, 0, TimeSpan.Zero);
        var buckets = DashboardReader.Hours([new RunHourlyRow(current.AddHours(-23), 2, 1), new RunHourlyRow(current, 5, 0)], Now);
        Assert.Equal(24, buckets.Count);
        Assert.Equal(current.AddHours(-23), buckets[0].Start);
        Assert.Equal((2, 1), (buckets[0].Succeeded, buckets[0].Failed));
        Assert.Equal((5, 0), (buckets[23].Succeeded, buckets[23].Failed));
        Assert.All(buckets.Skip(1).Take(22), b => Assert.Equal((0, 0), (b.Succeeded, b.Failed)));
        Assert.Equal("10:00", buckets[23].Label);
    }
}
