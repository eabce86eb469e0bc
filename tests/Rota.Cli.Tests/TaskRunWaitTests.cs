using System.Diagnostics;
using System.Text.Json.Nodes;
using Rota.TestSupport;

namespace Rota.Cli.Tests;

/// <summary>`rota task run --wait` against a real `rota serve`: the exit code says how the run ended —
/// 0 succeeded, 5 failed, 6 cancelled or skipped — and the progress is printed while waiting.</summary>
public sealed class TaskRunWaitTests
{
    private const string Config = """
        tasks:
          - name: ok
            handler: noop
          - name: broken
            handler: command
            retry: { attempts: 1 }
            parameters: { program: /bin/false }
          - name: slow
            handler: command
            retry: { attempts: 1 }
            overlap: skip
            parameters: { program: /bin/sleep, args: ["30"] }
        """;

    [Fact]
    public async Task TaskRunWait_ExitCodeFollowsTheOutcome()
    {
        using var cli = new CliRunner();
        cli.Write("rota.yaml", Config);
        using var serve = RotaProcess.Start(cli.Dir, "serve", "--db", cli.Db);
        await serve.WaitForOutputAsync("rota: serving", TimeSpan.FromSeconds(60));

        var ok = await cli.Exec("task", "run", "ok", "--wait", "--db", cli.Db);
        Assert.True(ok.Exit == 0, ok.Out + ok.Err);
        Assert.Matches(@"run \d+: succeeded", ok.Out);

        var broken = await cli.Exec("task", "run", "broken", "--wait", "--db", cli.Db);
        Assert.True(broken.Exit == 5, broken.Out + broken.Err);
        Assert.Matches(@"run \d+: failed — command\.", broken.Out);

        var waiting = cli.Exec("task", "run", "slow", "--wait", "--json", "--db", cli.Db);
        var id = await RunningId(cli, "slow");
        var skipped = await cli.Exec("task", "run", "slow", "--db", cli.Db);
        Assert.True(skipped.Exit == 6, skipped.Out + skipped.Err);
        Assert.Contains($"(active run {id})", skipped.Out);

        Assert.Equal(0, (await cli.Exec("run", "cancel", id.ToString(System.Globalization.CultureInfo.InvariantCulture), "--db", cli.Db)).Exit);
        var cancelled = await waiting;
        Assert.True(cancelled.Exit == 6, cancelled.Out + cancelled.Err);
        Assert.Equal("cancelled", JsonNode.Parse(cancelled.Out)!["status"]!.GetValue<string>());

        serve.Signal("TERM");
        Assert.Equal(0, await serve.WaitForExitAsync(TimeSpan.FromSeconds(30)));
    }

    private static async Task<long> RunningId(CliRunner cli, string task)
    {
        var sw = Stopwatch.StartNew();
        while (true)
        {
            var runs = JsonNode.Parse((await cli.Run("run", "list", "--task", task, "--status", "running", "--json")).Out)!["runs"]!.AsArray();
            if (runs.Count > 0) return runs[0]!["id"]!.GetValue<long>();
            Assert.True(sw.Elapsed < TimeSpan.FromSeconds(30), $"{task} never started running");
            await Task.Delay(100);
        }
    }
}
