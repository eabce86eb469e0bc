using Rota.Server.Dashboard;
using Rota.Server.Dashboard.Models;
using Rota.Configuration;
using Rota.Storage;
using Rota.Tasks;

namespace Rota.Server.Tests;

/// <summary>The dashboard's form logic without a browser: the task form's JSON document and error placement, the cron
/// explanation behind <c>/ui/cron/explain</c>, and the overview's hourly buckets from store counts.</summary>
public sealed class DashboardFormLogicTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 28, 10, 17, 0, TimeSpan.Zero);

    private static readonly IReadOnlySet<string> Known = new HashSet<string> { "noop", "http" };

    private static string Key(Rota.Tasks.TaskDefinition d) => DefinitionJson.Serialize(d) + string.Join("|", d.Schedules.Select(DefinitionJson.Serialize));

    [Fact]
    public void FromDefinition_RichTask_FormSavedUnchangedGivesTheSameDefinition()
    {
        var original = ConfigLoader.ParseTask(Rota.TestSupport.TestTasks.RichTask, "test", Known, TaskOrigin.Api);
        var form = TaskFormDocument.FromDefinition(original, original.Schedules);
        Assert.Equal(["cron", "every", "several"], form.Schedules.Select(s => s.Kind));
        Assert.Equal("30 2 * * 1-5; 0 4 * * 0", form.Schedules[0].Cron);
        Assert.Equal("maintenance", form.PausedReason);
        var errors = new List<FieldError>();
        var doc = TaskFormDocument.ToDocument(form, errors);
        Assert.Empty(errors);
        Assert.Equal(Key(original), Key(ConfigLoader.ParseTask(doc.ToJsonString(), "form", Known, TaskOrigin.Api)));
    }

    [Fact]
    public void ToDocument_RowKind_WritesOnlyThatTrigger()
    {
        var form = new TaskFormModel
        {
            Name = " check ", Handler = "http", Enabled = true, Jitter = true, Overlap = "allow_all", MaxConcurrent = "2", Misfire = "skip", CatchupWindow = "1h",
            Schedules =
            [
                new ScheduleFormRow { Kind = "every", Cron = "0 2 * * *", Every = "5m", TimeZone = "", Enabled = true },
                new ScheduleFormRow { Name = "b", Kind = "cron", Cron = "0 2 * * *; 0 3 * * *", Every = "5m", TimeZone = "Europe/Berlin", Enabled = false },
            ],
            Dependencies = [new DependencyFormRow { Task = "up", On = "failed" }, new DependencyFormRow { Task = " " }],
        };
        var doc = TaskFormDocument.ToDocument(form, []);
        Assert.Equal("""[{"every":"5m","time_zone":"UTC"},{"name":"b","cron":["0 2 * * *","0 3 * * *"],"time_zone":"Europe/Berlin","enabled":false}]""", doc["schedules"]!.ToJsonString());
        Assert.Equal("allow_all(2)", doc["overlap"]!.GetValue<string>());
        Assert.Equal("""{"policy":"skip","catchup_window":"1h"}""", doc["misfire"]!.ToJsonString());
        Assert.Equal("""[{"task":"up","on":"failed"}]""", doc["depends_on"]!.ToJsonString());
        Assert.Equal("check", doc["name"]!.GetValue<string>());
    }

    [Fact]
    public void ToDocument_BadParameters_ReportedOnTheirFields()
    {
        var errors = new List<FieldError>();
        TaskFormDocument.ToDocument(new TaskFormModel
        {
            Name = "x", Handler = "noop", Parameters = "[1]",
            Schedules = [ScheduleFormRow.NewCron("0 2 * * *"), new ScheduleFormRow { Kind = "cron", Cron = "0 2 * * *", Parameters = "{oops" }],
        }, errors);
        Assert.Equal(["parameters", "schedules[1].parameters"], errors.Select(e => e.Field));
        Assert.StartsWith("Parameters are not valid JSON", errors[1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ApplyAction_AddsAndRemovesRows_KeepingTheOthers()
    {
        var form = new TaskFormModel { Schedules = [ScheduleFormRow.NewCron("0 1 * * *", "Asia/Tokyo")], Action = "add-schedule" };
        Assert.True(TaskFormService.ApplyAction(form));
        Assert.Equal(["0 1 * * *", ""], form.Schedules.Select(s => s.Cron));
        Assert.Equal("Asia/Tokyo", form.Schedules[1].TimeZone);
        form.Action = "remove-schedule-0";
        Assert.True(TaskFormService.ApplyAction(form));
        Assert.Equal([""], form.Schedules.Select(s => s.Cron));
        form.Action = "add-dependency";
        Assert.True(TaskFormService.ApplyAction(form));
        form.Action = "remove-dependency-5";
        Assert.True(TaskFormService.ApplyAction(form));
        Assert.Single(form.Dependencies);
        form.Action = null;
        Assert.False(TaskFormService.ApplyAction(form));
    }

    [Theory]
    [InlineData(".retry.attempts", "retry.attempts")]
    [InlineData("schedules[1].cron[0]", "schedules[1].cron")]
    [InlineData("schedules[0].time_zone", "schedules[0].time_zone")]
    [InlineData("schedules[2].parameters.x", "schedules[2].parameters")]
    [InlineData("misfire.policy", "misfire")]
    [InlineData("depends_on[1]", "depends_on[1].task")]
    [InlineData(".parameters.url", "parameters")]
    [InlineData(".name", "name")]
    [InlineData("", null)]
    public void FieldOf_ErrorPath_PointsAtTheFormField(string path, string? field) => Assert.Equal(field, TaskFormDocument.FieldOf(path));

    [Fact]
    public void FieldIds_PathBecomesAnElementId() => Assert.Equal("f-schedules-1-time_zone", FieldIds.Of("schedules[1].time_zone"));

    [Fact]
    public void SchedulePreview_EveryKind_ExplainedWithFires_BadZoneSaysWhy()
    {
        var every = SchedulePreview.Of(new ScheduleFormRow { Kind = "every", Every = "90m", TimeZone = "UTC" }, "t", Now);
        Assert.True(every.Ok, every.Error);
        Assert.Equal(5, every.Fires.Count);
        var once = SchedulePreview.Of(new ScheduleFormRow { Kind = "at", At = "2026-04-01T09:00:00Z", TimeZone = "Europe/Berlin" }, "t", Now);
        Assert.Equal(["Wed 2026-04-01 11:00 +02:00"], once.Fires);
        var bad = SchedulePreview.Of(ScheduleFormRow.NewCron("0 2 * * *", "Mars/Olympus"), "t", Now);
        Assert.False(bad.Ok);
        Assert.Contains("Mars/Olympus", bad.Error, StringComparison.Ordinal);
    }

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
