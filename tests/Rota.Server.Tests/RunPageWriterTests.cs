using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Rota.Runs;
using Rota.Server.Endpoints;
using Rota.Server.Json;
using Rota.Server.Views;

namespace Rota.Server.Tests;

/// <summary>The runs list is written by hand (<see cref="RunPageWriter"/>); it must stay byte-for-byte what the serializer
/// writes for the documented <see cref="RunPage"/> of <see cref="RunView"/>s.</summary>
public sealed class RunPageWriterTests
{
    private static readonly DateTimeOffset At = new(2026, 3, 1, 12, 0, 0, 123, TimeSpan.Zero);

    private static RunRecord Full() => new()
    {
        Id = 42, TaskId = 7, TaskName = "crawl \"news\" <é>", TaskVersion = 3, ScheduleId = 9, ScheduleName = "hourly", Trigger = RunTrigger.Schedule,
        TriggeredBy = "api:alice", Status = RunStatus.Failed, Reason = "line\nbreak & tab\t", Queue = "io", Priority = -2,
        NominalTime = At, ScheduledAt = At.AddSeconds(1), CreatedAt = At.AddTicks(1), FirstStartedAt = At.AddSeconds(2),
        StartedAt = At.AddSeconds(3), EndedAt = At.AddSeconds(4.5678), Attempt = 2, MaxAttempts = 3, Node = "node-a", Progress = 55,
        ProgressText = "55 % ✓", Parameters = new JsonObject { ["url"] = "https://x/?a=1&b=<2>", ["n"] = 1.5, ["deep"] = new JsonArray(1, null, "z") },
        Stats = new JsonObject { ["items"] = 10 }, Error = new RunError("handler.http", "boom \"quoted\"", "at X()\n  at Y()", true),
        Logs = "never in lists", IdempotencyKey = "k", ParentRunId = 40, Step = "fetch",
    };

    private static RunRecord Sparse() => new()
    {
        Id = 1, TaskId = 2, TaskName = "t", Trigger = RunTrigger.Manual, Status = RunStatus.Scheduled, Queue = "default",
        ScheduledAt = At, CreatedAt = At,
    };

    private static string Written(IReadOnlyList<RunRecord> runs, string? cursor)
    {
        var buffer = new ArrayBufferWriter<byte>();
        RunPageWriter.Write(buffer, runs, cursor);
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static string Serialized(IReadOnlyList<RunRecord> runs, string? cursor) =>
        JsonSerializer.Serialize(new RunPage(runs.Select(RunView.From).ToList(), cursor), ApiJson.Options);

    [Fact]
    public void Write_EveryFieldSet_SameBytesAsTheSerializer()
    {
        RunRecord[] runs = [Full(), Full() with { Id = 41, Error = new RunError("x", "", null, false), Progress = 0 }];
        Assert.Equal(Serialized(runs, "41"), Written(runs, "41"));
    }

    [Fact]
    public void Write_NullsAndNoCursor_SameBytesAsTheSerializer()
    {
        RunRecord[] runs = [Sparse()];
        Assert.Equal(Serialized(runs, null), Written(runs, null));
    }

    [Fact]
    public void Write_EmptyPage_SameBytesAsTheSerializer() => Assert.Equal(Serialized([], null), Written([], null));

    [Fact]
    public void Write_AnyRun_HasNoLogs() => Assert.DoesNotContain("never in lists", Written([Full()], null), StringComparison.Ordinal);
}
