using Rota.Configuration;
using Rota.Storage;
using Rota.Tasks;
using Rota.TestSupport;

namespace Rota.Tests.Configuration;

/// <summary><see cref="TaskDocument"/> writes a task back as the document it was read from: reading the written document
/// gives the same definition, every policy and schedule included.</summary>
public sealed class TaskDocumentTests
{
    private static readonly IReadOnlySet<string> Known = new HashSet<string> { "noop", "http" };

    private static string Key(TaskDefinition d) => DefinitionJson.Serialize(d) + string.Join("|", d.Schedules.Select(DefinitionJson.Serialize));

    [Fact]
    public void From_RichTask_ReadsBackToTheSameDefinition()
    {
        var original = ConfigLoader.ParseTask(TestTasks.RichTask, "test", Known, TaskOrigin.Api);
        var doc = TaskDocument.From(original, original.Schedules);
        var back = ConfigLoader.ParseTask(doc.ToJsonString(), "test", Known, TaskOrigin.Api);
        Assert.Equal(Key(original), Key(back));
        Assert.Equal(3, back.Schedules.Count);
        Assert.Equal("allow_all(3)", doc["overlap"]!.GetValue<string>());
    }

    [Fact]
    public void From_DefaultTask_LeavesDefaultsOut()
    {
        var original = ConfigLoader.ParseTask("""{"name":"plain","handler":"noop","cron":"0 2 * * *"}""", "test", Known, TaskOrigin.Api);
        var doc = TaskDocument.From(original, original.Schedules);
        Assert.Equal("""{"name":"plain","handler":"noop","queue":"default","enabled":true,"schedules":[{"name":"default","cron":"0 2 * * *","time_zone":"UTC"}]}""", doc.ToJsonString());
        Assert.Equal(Key(original), Key(ConfigLoader.ParseTask(doc.ToJsonString(), "test", Known, TaskOrigin.Api)));
    }

    [Theory]
    [InlineData(90_000, "1m30s")]
    [InlineData(1_500, "1500ms")]
    [InlineData(61_500, "00:01:01.5000000")]
    public void Duration_ReadsBackExactly(int milliseconds, string text)
    {
        var value = TimeSpan.FromMilliseconds(milliseconds);
        Assert.Equal(text, TaskDocument.Duration(value));
        Assert.True(DurationText.TryParse(text, out var back));
        Assert.Equal(value, back);
    }
}
