using System.Text.Json;
using System.Text.Json.Nodes;

namespace Rota.Cli.Tests;

/// <summary>Every listing's <c>--json</c> is valid JSON, readable as written (no <c>\u002B</c>-style escapes), with
/// instants as ISO 8601 UTC.</summary>
public sealed class CliJsonTests
{
    private const string Config = """
        tasks:
          - name: feeds
            handler: noop
            description: "Feeds <news> & 'blogs' + café ☕"
            parameters: { query: "a+b<c>&d", city: "Zürich" }
            cron: "0 9 * * *"
            time_zone: Europe/Paris
          - name: tick
            handler: noop
            every: 10s
        """;

    [Fact]
    public async Task EveryListing_PrintsValidUnescapedJson()
    {
        using var cli = new CliRunner();
        var apply = await cli.Run("apply", "--config", cli.Write("rota.yaml", Config), "--json");
        var run = await cli.Run("task", "run", "feeds", "-p", "note=x+y", "--json");
        var id = JsonNode.Parse(run.Out)!["run_id"]!.ToString();
        string[][] commands =
        [
            ["task", "list", "--json"],
            ["task", "show", "feeds", "--json"],
            ["run", "list", "--json"],
            ["run", "show", id, "--json"],
            ["migrate", "status", "--json"],
            ["cron", "explain", "0 9 * * MON-FRI", "--json"],
            ["cron", "next", "0 9 * * *", "--tz", "Europe/Paris", "--from", "2026-03-28T00:00:00Z", "-n", "3", "--json"],
        ];
        var outputs = new List<(string Command, string Text)> { ("apply", apply.Out), ("task run", run.Out) };
        foreach (var args in commands)
        {
            var (exit, output, err) = await cli.Run(args);
            Assert.True(exit == 0, $"{string.Join(' ', args)}: {err}");
            outputs.Add((string.Join(' ', args), output));
        }
        foreach (var (command, text) in outputs)
        {
            using var _ = JsonDocument.Parse(text); // throws on invalid JSON, naming nothing: hence the message below
            Assert.False(text.Contains("\\u", StringComparison.Ordinal), $"{command} escapes characters:\n{text}");
        }
        var feeds = outputs.Single(o => o.Command == "task show feeds --json").Text;
        Assert.Contains("Feeds <news> & 'blogs' + café ☕", feeds);
        Assert.Contains("\"query\": \"a+b<c>&d\"", feeds);
        Assert.Contains("\"note\": \"x+y\"", outputs.Single(o => o.Command.StartsWith("run show", StringComparison.Ordinal)).Text);
        Assert.Contains("+01:00", outputs.Single(o => o.Command.StartsWith("cron next", StringComparison.Ordinal)).Text);
    }

    [Fact]
    public async Task CronNextJson_IsIso8601UtcWithLocalTimeAndDstNote()
    {
        using var cli = new CliRunner();
        var (exit, output, _) = await cli.Run("cron", "next", "30 2 * * *", "--tz", "Europe/Paris", "--from", "2026-03-28T12:00:00Z", "-n", "3", "--json");
        Assert.Equal(0, exit);
        var fires = JsonNode.Parse(output)!.AsArray();
        Assert.Equal(["2026-03-29T01:00:00Z", "2026-03-30T00:30:00Z", "2026-03-31T00:30:00Z"], fires.Select(f => f!["utc"]!.GetValue<string>()));
        Assert.Equal(["2026-03-29T03:00:00+02:00", "2026-03-30T02:30:00+02:00", "2026-03-31T02:30:00+02:00"], fires.Select(f => f!["local"]!.GetValue<string>()));
        Assert.Contains("does not exist", fires[0]!["note"]!.GetValue<string>());
        Assert.All(fires, f => Assert.Equal(DateTimeKind.Utc, DateTime.Parse(f!["utc"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture,
            System.Globalization.DateTimeStyles.AdjustToUniversal | System.Globalization.DateTimeStyles.AssumeUniversal).Kind));
    }

    [Fact]
    public async Task TaskList_ShowsScheduleInWordsAndNextFireInLocalTime()
    {
        using var cli = new CliRunner();
        await cli.Run("apply", "--config", cli.Write("rota.yaml", Config));
        var (exit, table, _) = await cli.Run("task", "list");
        Assert.Equal(0, exit);
        Assert.Contains("Next fire (local time)", table);
        Assert.Contains("every 10s", table);
        Assert.Contains("0 9 * * * (Europe/Paris)", table);
        Assert.Contains("At 09:00, every day", table);
        Assert.Matches(@"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d [+-]\d\d:\d\d \(in (\d+s|\d+m\d\ds)\)", table); // tick: within 10 s
        var tick = JsonNode.Parse((await cli.Run("task", "list", "--json")).Out)!.AsArray().Single(t => t!["name"]!.GetValue<string>() == "tick")!["schedules"]![0]!;
        Assert.Equal(("every 10s", "every 10s", "every:00:00:10"), (tick["text"]!.GetValue<string>(), tick["description"]!.GetValue<string>(), tick["spec"]!.GetValue<string>()));
        Assert.EndsWith("Z", tick["next_fire_at"]!.GetValue<string>());
    }
}
