using System.Text.Json.Nodes;
using Rota.TestSupport;

namespace Rota.Cli.Tests;

/// <summary>Seed 000 through the CLI against a real `rota serve`: run-all (step 2 fails, 3 and 4 still run, partial),
/// run-one (`--step 3`), the per-step log, show and runs.</summary>
public sealed class PipelineCommandTests
{
    private const string Config = """
        tasks:
          - { name: airtable-sync, handler: command, retry: { attempts: 1 }, parameters: { program: /bin/echo, args: [synced] } }
          - { name: crawler-check, handler: command, retry: { attempts: 1 }, parameters: { program: /bin/false } }
          - { name: zero-sessions, handler: command, retry: { attempts: 1 }, parameters: { program: /bin/echo, args: [paused] } }
          - { name: llm-cataloguing, handler: command, retry: { attempts: 1 }, parameters: { program: /bin/echo, args: [catalogued] } }
        pipelines:
          - name: daily
            description: SEM Catalogue daily tasks
            cron: "0 2 * * *"
            steps:
              - { name: airtable-sync, task: airtable-sync, continue_on_failure: true }
              - { name: crawler-check, task: crawler-check, continue_on_failure: true }
              - { name: zero-sessions, task: zero-sessions, continue_on_failure: true }
              - { name: llm-cataloguing, task: llm-cataloguing }
        """;

    [Fact]
    public async Task DailyPipeline_RunAllThenStepThree_LogsEachStep()
    {
        using var cli = new CliRunner();
        cli.Write("rota.yaml", Config);
        using var serve = RotaProcess.Start(cli.Dir, "serve", "--db", cli.Db);
        await serve.WaitForOutputAsync("rota: serving", TimeSpan.FromSeconds(60));

        var show = await cli.Exec("pipeline", "show", "daily", "--db", cli.Db);
        Assert.True(show.Exit == 0, show.Out + show.Err);
        Assert.Contains("2. crawler-check (task crawler-check) — after airtable-sync; continues on failure", show.Out);
        Assert.Contains("crawler-check → zero-sessions", show.Out);

        var all = await cli.Exec("pipeline", "run", "daily", "--wait", "--json", "--db", cli.Db);
        Assert.True(all.Exit == 0, all.Out + all.Err);
        var log = JsonNode.Parse(all.Out)!;
        Assert.Equal("partial", log["run"]!["status"]!.GetValue<string>());
        var steps = log["steps"]!.AsArray();
        Assert.Equal(["airtable-sync", "crawler-check", "zero-sessions", "llm-cataloguing"], steps.Select(s => s!["step"]!.GetValue<string>()));
        Assert.Equal(["succeeded", "failed", "succeeded", "succeeded"], steps.Select(s => s!["status"]!.GetValue<string>()));
        Assert.All(steps, s =>
        {
            Assert.NotNull(s!["started_at"]);
            Assert.NotNull(s["ended_at"]);
            Assert.Equal("pipeline", s["trigger"]!.GetValue<string>());
        });
        Assert.NotNull(steps[1]!["error"]);

        var one = await cli.Exec("pipeline", "run", "daily", "--step", "3", "--wait", "--db", cli.Db);
        Assert.True(one.Exit == 0, one.Out + one.Err);
        Assert.Matches(@"pipeline run \d+ \(daily\): succeeded", one.Out);
        Assert.Contains("zero-sessions", one.Out);
        Assert.DoesNotContain("crawler-check", one.Out);

        var runs = await cli.Exec("pipeline", "runs", "daily", "--db", cli.Db);
        Assert.True(runs.Exit == 0, runs.Out + runs.Err);
        Assert.Contains("crawler-check: failed", runs.Out);
        Assert.Contains("zero-sessions: succeeded", runs.Out);

        var id = log["run"]!["id"]!.GetValue<long>().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var text = await cli.Exec("pipeline", "log", id, "--db", cli.Db);
        Assert.True(text.Exit == 0, text.Out + text.Err);
        Assert.Contains("Completed (UTC)", text.Out);
        Assert.Contains($"pipeline run {id} (daily): partial", text.Out);

        var unknown = await cli.Exec("pipeline", "run", "daily", "--step", "9", "--db", cli.Db);
        Assert.NotEqual(0, unknown.Exit);
        Assert.Contains("pipeline.unknown_step", unknown.Err);

        serve.Signal("TERM");
        Assert.Equal(0, await serve.WaitForExitAsync(TimeSpan.FromSeconds(30)));
    }
}
