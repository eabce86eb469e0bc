using System.Security.Cryptography;
using System.Text.Json.Nodes;

namespace Rota.Cli.Tests;

/// <summary>A broken configuration file: exit 4, every problem listed with path, value and line, and nothing stored
/// changes — not the rows, not the database file, and no data folder or lock file appears.</summary>
public sealed class CliConfigErrorTests
{
    private const string Good = """
        tasks:
          - name: nightly
            handler: noop
            cron: "0 2 * * *"
          - name: poll
            handler: noop
            every: 5m
        """;

    private const string Broken = """
        tasks:
          - name: nightly
            handler: noop
            cron: "0 0 30 2 *"
          - name: poll
            handler: ftp
            timeout: -5s
            every: 5m
            time_zone: Mars/Olympus
          - name: poll
            handlr: noop
        """;

    [Fact]
    public async Task Apply_BrokenFile_Exits4ListsEveryProblemAndLeavesTheDatabaseByteForByte()
    {
        using var cli = new CliRunner();
        Assert.Equal(0, (await cli.Exec("apply", "--config", cli.Write("good.yaml", Good), "--db", cli.Db)).Exit);
        var listBefore = (await cli.Exec("task", "list", "--json", "--db", cli.Db)).Out;
        var bytesBefore = Snapshot(cli.Db);

        var (exit, output, err) = await cli.Exec("apply", "--config", cli.Write("bad.yaml", Broken), "--db", cli.Db);

        Assert.Equal(4, exit);
        Assert.Equal("", output);
        var lines = err.TrimEnd('\n').Split('\n');
        Assert.Equal($"error[config.invalid]: config: {cli.Dir}/bad.yaml has 7 error(s):", lines[0]);
        Assert.Equal(
        [
            "  - line 4, column 11: tasks[0].cron: cron: '0 0 30 2 *' never fires: day-of-month '30' never occurs in month '2' [cron.never_fires] (value: '0 0 30 2 *')",
            "  - line 6, column 14: tasks[1].handler: unknown handler 'ftp'; did you mean 'http'? known handlers: cleanup, command, crawl, fetch-page, http, noop (value: 'ftp')",
            "  - line 7, column 14: tasks[1].timeout: timeout must be positive; '-5s' is negative (value: '-5s')",
            "  - line 9, column 16: tasks[1].time_zone: schedule: time zone 'Mars/Olympus' is not a known IANA time zone (e.g. 'Europe/London', 'America/New_York', 'UTC') [schedule.bad_time_zone] (value: 'Mars/Olympus')",
            "  - line 10, column 5: tasks[2].handler: every task needs a handler",
            "  - line 10, column 11: tasks[2].name: duplicate task name; 'poll' is already defined by tasks[1] (line 5) (value: 'poll')",
            "  - line 11, column 5: tasks[2].handlr: unknown key; did you mean 'handler'? (value: 'handlr')",
        ], lines[1..]);
        Assert.Equal(bytesBefore, Snapshot(cli.Db));
        Assert.Equal(listBefore, (await cli.Exec("task", "list", "--json", "--db", cli.Db)).Out);
    }

    [Theory]
    [InlineData("rota.json", "{\n  \"tasks\": [\n    {\"name\": \"a\", \"handler\": \"noop\", \"every\": \"1m\",},\n  ]\n}\n", "line 3, column 52: json syntax error: The JSON object contains a trailing comma")]
    [InlineData("rota.yaml", "tasks: []\n---\ntasks: []\n", "line 2, column 1: a configuration file holds one YAML document")]
    [InlineData("rota.yaml", "tasks:\n  - name: a\n    handler: noop\n    every: 1m\n    every: 2m\n", "line 5, column 5: tasks[0].every: duplicate key")]
    public async Task Apply_RejectedFile_CreatesNoDatabase(string name, string text, string mention)
    {
        using var cli = new CliRunner();
        var (exit, _, err) = await cli.Exec("apply", "--config", cli.Write(name, text));
        Assert.Equal(4, exit);
        Assert.Contains(mention, err);
        Assert.False(Directory.Exists(Path.Combine(cli.Dir, "data")), "no data folder for a rejected file");
    }

    [Fact]
    public async Task Serve_BrokenConfig_Exits4BeforeCreatingDataFolderLockOrDatabase()
    {
        using var cli = new CliRunner();
        cli.Write("rota.yaml", Broken);
        var (exit, output, err) = await cli.Exec("serve");
        Assert.Equal(4, exit);
        Assert.Equal("", output);
        Assert.Contains("7 error(s)", err);
        Assert.Equal(["rota.yaml"], Directory.EnumerateFileSystemEntries(cli.Dir).Select(Path.GetFileName));
    }

    [Fact]
    public async Task Serve_BadCrawlerSettings_Exits4BeforeCreatingAnything()
    {
        using var cli = new CliRunner();
        cli.Write("rota.yaml", "crawler:\n  min_poll_interval: 2h\n  max_poll_interval: 1h\n");
        cli.Env["ROTA_CRAWLER_MAX_BODY_SIZE"] = "huge";

        var (exit, _, err) = await cli.Exec("serve");

        Assert.Equal(4, exit);
        Assert.Contains("error[crawler.bad_setting]", err);
        Assert.Contains("ROTA_CRAWLER_MAX_BODY_SIZE: expected a size in bytes", err);
        Assert.Contains("MaxPollInterval 01:00:00 must be at least MinPollInterval 02:00:00", err);
        Assert.Equal(["rota.yaml"], Directory.EnumerateFileSystemEntries(cli.Dir).Select(Path.GetFileName));
    }

    [Fact]
    public async Task Serve_BadApiReadConcurrency_NamesTheVariable()
    {
        using var cli = new CliRunner();
        cli.Env["ROTA_API_READ_CONCURRENCY"] = "-3";
        cli.Env["ROTA_URLS"] = "http://127.0.0.1:0";

        var (exit, _, err) = await cli.Exec("serve");

        Assert.NotEqual(0, exit);
        Assert.Contains("error[serve.bad_setting]", err);
        Assert.Contains("ROTA_API_READ_CONCURRENCY '-3' must be 0 (no limit) or a positive integer", err);
    }

    [Fact]
    public async Task Apply_ExampleFile_CreatesItsTasks()
    {
        using var cli = new CliRunner();
        var root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "Rota.slnx"))) root = Path.GetDirectoryName(root)!;
        var (exit, output, err) = await cli.Exec("apply", "--config", Path.Combine(root, "examples", "rota.yaml"), "--db", cli.Db, "--json");
        Assert.True(exit == 0, err);
        var changes = JsonNode.Parse(output)!["changes"]!.AsArray();
        Assert.Equal(["heartbeat", "nightly-cleanup", "saved-links-demo"], changes.Select(c => c!["task"]!.GetValue<string>()));
        Assert.All(changes, c => Assert.Equal("created", c!["what"]!.GetValue<string>()));
    }

    /// <summary>Hashes of the database and its WAL side files, so "unchanged" means byte for byte.</summary>
    private static string[] Snapshot(string db) =>
        new[] { db, db + "-wal", db + "-shm" }.Select(f => File.Exists(f) ? Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f))) : "absent").ToArray();
}
