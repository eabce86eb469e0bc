using System.Text.Json;
using System.Text.Json.Nodes;

namespace Rota.Cli.Tests;

public sealed class CliCommandTests
{
    private const string Config = """
        tasks:
          - name: nightly
            handler: noop
            cron: "0 2 * * *"
            time_zone: Europe/London
          - name: poll
            handler: noop
            every: 5m
        """;

    [Fact]
    public async Task Migrate_UpStatusDown_ReportEachStep()
    {
        using var cli = new CliRunner();
        Assert.Equal((0, "migrate: applied 1, 2, 3, 4, 5, 6, 7, 8, 9\n"), Strip(await cli.Run("migrate", "up")));
        var status = JsonNode.Parse((await cli.Run("migrate", "status", "--json")).Out)!.AsArray();
        Assert.True(status[0]!["applied"]!.GetValue<bool>());
        Assert.Equal((0, "migrate: reverted 9, 8, 7, 6, 5, 4, 3, 2, 1\n"), Strip(await cli.Run("migrate", "down", "--to", "0")));
        var (exit, _, err) = await cli.Run("migrate", "down");
        Assert.Equal(2, exit);
        Assert.Contains("--to", err);
    }

    [Fact]
    public async Task Apply_ThenTaskListJson_ShowsTasksSchedulesAndNextFire()
    {
        using var cli = new CliRunner();
        var path = cli.Write("rota.yaml", Config);
        var (exit, output, _) = await cli.Run("apply", "--config", path);
        Assert.Equal(0, exit);
        Assert.Contains("created    nightly", output);
        var list = JsonNode.Parse((await cli.Run("task", "list", "--json")).Out)!.AsArray();
        Assert.Equal(["nightly", "poll"], list.Select(t => t!["name"]!.GetValue<string>()));
        var schedule = list[0]!["schedules"]![0]!;
        Assert.Equal("cron:0 2 * * *", schedule["spec"]!.GetValue<string>());
        Assert.Equal("At 02:00, every day", schedule["description"]!.GetValue<string>());
        Assert.EndsWith("Z", schedule["next_fire_at"]!.GetValue<string>());
        Assert.Contains("unchanged  nightly", (await cli.Run("apply", "--config", path)).Out);
    }

    [Fact]
    public async Task TaskRun_QueuesARun_ThatRunListAndShowReport_AndCancelCancels()
    {
        using var cli = new CliRunner();
        await cli.Run("apply", "--config", cli.Write("rota.yaml", Config));
        var (exit, output, _) = await cli.Run("task", "run", "poll", "--param", "n=3", "--param", "who=bob", "--json");
        Assert.Equal(0, exit);
        var id = JsonNode.Parse(output)!["run_id"]!.GetValue<long>();
        var runs = JsonNode.Parse((await cli.Run("run", "list", "--task", "poll", "--json")).Out)!["runs"]!.AsArray();
        var run = Assert.Single(runs)!;
        Assert.Equal(("available", "manual", 3), (run["status"]!.GetValue<string>(), run["trigger"]!.GetValue<string>(), run["parameters"]!["n"]!.GetValue<int>()));
        var show = (await cli.Run("run", "show", id.ToString())).Out;
        Assert.Contains($"run {id} of poll: available", show);
        Assert.Equal(0, (await cli.Run("run", "cancel", id.ToString(), "--reason", "not needed")).Exit);
        var cancelled = JsonNode.Parse((await cli.Run("run", "show", id.ToString(), "--json")).Out)!["run"]!;
        Assert.Equal(("cancelled", "not needed"), (cancelled["status"]!.GetValue<string>(), cancelled["reason"]!.GetValue<string>()));
        Assert.Equal(3, (await cli.Run("run", "show", "999999")).Exit);
        Assert.Equal(3, (await cli.Run("task", "run", "missing")).Exit);
    }

    [Fact]
    public async Task DisableEnable_PauseWithReasonThenResume()
    {
        using var cli = new CliRunner();
        await cli.Run("apply", "--config", cli.Write("rota.yaml", Config));
        Assert.Equal(0, (await cli.Run("task", "disable", "nightly", "--reason", "migration week", "--until", "2030-01-01T00:00:00Z")).Exit);
        var paused = JsonNode.Parse((await cli.Run("task", "list", "--json")).Out)!.AsArray()[0]!;
        Assert.Equal((false, "migration week"), (paused["enabled"]!.GetValue<bool>(), paused["paused_reason"]!.GetValue<string>()));
        Assert.Equal(0, (await cli.Run("task", "enable", "nightly")).Exit);
        Assert.True(JsonNode.Parse((await cli.Run("task", "list", "--json")).Out)!.AsArray()[0]!["enabled"]!.GetValue<bool>());
        Assert.Equal(4, (await cli.Run("task", "disable", "nightly", "--until", "someday")).Exit);
    }

    [Fact]
    public async Task CronNextJson_AnnotatesTheSpringGap()
    {
        using var cli = new CliRunner();
        var (exit, output, _) = await cli.Run("cron", "next", "30 2 * * *", "--tz", "America/New_York", "--from", "2026-03-07T12:00:00Z", "-n", "2", "--json");
        Assert.Equal(0, exit);
        var fires = JsonNode.Parse(output)!.AsArray();
        Assert.Equal("2026-03-08T07:00:00Z", fires[0]!["utc"]!.GetValue<string>());
        Assert.Equal("2026-03-08T03:00:00-04:00", fires[0]!["local"]!.GetValue<string>());
        Assert.Contains("does not exist", fires[0]!["note"]!.GetValue<string>());
        Assert.Equal("At 02:30, every day\n", (await cli.Run("cron", "explain", "30 2 * * *")).Out);
    }

    [Theory]
    [InlineData("tasks:\n  - name: a\n    handler: [noop\n", "syntax error")]
    [InlineData("tasks:\n  - name: a\n    handler: ftp\n", "tasks[2].handler: unknown handler")]
    [InlineData("tasks:\n  - name: a\n    handler: noop\n    cron: \"0 2 * * *\"\n    time_zone: Mars/Base\n", "tasks[2].time_zone")]
    [InlineData("tasks:\n  - name: a\n    handler: noop\n    timeout: -1m\n", "tasks[2].timeout")]
    public async Task Apply_BadConfig_FailsWithCode4AndChangesNothing(string yaml, string mention)
    {
        using var cli = new CliRunner();
        await cli.Run("apply", "--config", cli.Write("good.yaml", Config));
        var before = (await cli.Run("task", "list", "--json")).Out;
        var (exit, _, err) = await cli.Run("apply", "--config", cli.Write("bad.yaml", Config + "\n" + yaml.Replace("tasks:\n", "", StringComparison.Ordinal)));
        Assert.Equal(4, exit);
        Assert.Contains("error[config.invalid]", err);
        Assert.Contains(mention, err);
        Assert.Equal(before, (await cli.Run("task", "list", "--json")).Out);
    }

    [Theory]
    [InlineData("task", "list", "--bogus")]
    [InlineData("task", "frobnicate")]
    [InlineData("run", "list", "--limit", "many")]
    public async Task UnknownFlagsOrBadArguments_ExitWithUsageError(params string[] args)
    {
        using var cli = new CliRunner();
        var (exit, _, err) = await cli.Run(args);
        Assert.Equal(2, exit);
        Assert.Contains("error[cli.usage]", err);
    }

    [Fact]
    public async Task BadCronOnTheCommandLine_ExitsWith4NamingTheField()
    {
        using var cli = new CliRunner();
        var (exit, _, err) = await cli.Run("cron", "explain", "0 0 30 2 *");
        Assert.Equal(4, exit);
        Assert.Contains("error[cron.never_fires]", err);
        Assert.Contains("day-of-month '30'", err);
    }

    private static (int, string) Strip((int Exit, string Out, string Err) r) => (r.Exit, r.Out);

    internal static JsonSerializerOptions Json => new() { PropertyNameCaseInsensitive = true };
}
