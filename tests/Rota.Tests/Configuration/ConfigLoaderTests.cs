using Rota.Configuration;
using Rota.Scheduling;
using Rota.Tasks;

namespace Rota.Tests.Configuration;

public sealed class ConfigLoaderTests
{
    private static readonly IReadOnlySet<string> Known = new HashSet<string> { "noop", "cleanup", "http", "command" };

    private static RotaConfigDocument Yaml(string text) => ConfigLoader.Parse(text, "yaml", "test.yaml", Known);

    private static ConfigValidationException Bad(string text, string format = "yaml") =>
        Assert.Throws<ConfigValidationException>(() => ConfigLoader.Parse(text, format, "test." + format, Known));

    private const string Full = """
        queues:
          - name: crawl
            concurrency: 4
        tasks:
          - name: crawl-feeds
            handler: http
            description: Poll feeds
            parameters: { url: "https://example.com/feed", retries: 2, strict: true, ratio: 0.5, label: "007" }
            queue: crawl
            priority: 5
            timeout: 10m
            retry: { attempts: 5, backoff: 2s, factor: 3, max_backoff: 1m, jitter: false, retry_permanent: true }
            overlap: allow_all(4)
            terminate_grace: 45s
            misfire: { policy: all, max_catchup: 7, catchup_window: 1h, grace: 9s }
            min_spacing: 4h
            retention: { keep_succeeded: 10, keep_failed: 20, max_age: 30d }
            pause_after_failures: 3
            enabled: false
            paused_reason: maintenance
            owner: alice
            tags: [feeds, hourly]
            schedules:
              - name: hourly
                cron: ["0 * * * *", "30 12 * * *"]
                time_zone: Europe/London
                jitter: 30s
                start_at: 2026-01-01T00:00:00Z
                end_at: 2027-01-01T00:00:00Z
                max_runs: 1000
                exclude_dates: [2026-12-25]
                parameters: { mode: full }
                enabled: true
              - name: rate
                every: 5m
                phase: 30s
              - name: chained
                after_completion: 10m
              - name: once
                at: 2026-12-01T09:00:00Z
        """;

    [Fact]
    public void Parse_FullFile_MapsEveryKey()
    {
        var doc = Yaml(Full);
        Assert.Equal(new QueueDefinition("crawl", 4), Assert.Single(doc.Queues));
        var t = Assert.Single(doc.Tasks);
        Assert.Equal(("crawl-feeds", "http", "Poll feeds", "crawl", 5), (t.Name, t.Handler, t.Description, t.Queue, t.Priority));
        Assert.Equal("""{"url":"https://example.com/feed","retries":2,"strict":true,"ratio":0.5,"label":"007"}""", t.Parameters.ToJsonString());
        Assert.Equal(TimeSpan.FromMinutes(10), t.Timeout);
        Assert.Equal(new RetryPolicy(5, TimeSpan.FromSeconds(2), 3, TimeSpan.FromMinutes(1), false, true), t.Retry);
        Assert.Equal(new OverlapPolicy(OverlapKind.AllowAll, 4), t.Overlap);
        Assert.Equal(TimeSpan.FromSeconds(45), t.TerminateGrace);
        Assert.Equal(new MisfirePolicy(MisfireKind.All, 7, TimeSpan.FromHours(1), TimeSpan.FromSeconds(9)), t.Misfire);
        Assert.Equal(TimeSpan.FromHours(4), t.MinSpacing);
        Assert.Equal(new RetentionPolicy(10, 20, TimeSpan.FromDays(30)), t.Retention);
        Assert.Equal((3, false, "maintenance", "alice"), (t.PauseAfterFailures!.Value, t.Enabled, t.PausedReason, t.Owner));
        Assert.Equal(["feeds", "hourly"], t.Tags);
        Assert.Equal(TaskOrigin.Config, t.Origin);
        Assert.Equal(["hourly", "rate", "chained", "once"], t.Schedules.Select(s => s.Name));
        var h = t.Schedules[0];
        Assert.Equal([TriggerSpec.ForCron("0 * * * *"), TriggerSpec.ForCron("30 12 * * *")], h.Specs);
        Assert.Equal(("Europe/London", TimeSpan.FromSeconds(30), 1000), (h.TimeZone, h.Jitter!.Value, h.MaxRuns!.Value));
        Assert.Equal([new DateOnly(2026, 12, 25)], h.ExcludedDates);
        Assert.Equal("full", h.Parameters!["mode"]!.GetValue<string>());
        Assert.Equal(TriggerSpec.ForEvery(TimeSpan.FromMinutes(5), TimeSpan.FromSeconds(30)), t.Schedules[1].Specs[0]);
        Assert.Equal(TriggerSpec.ForAfterCompletion(TimeSpan.FromMinutes(10)), t.Schedules[2].Specs[0]);
        Assert.Equal(TriggerSpec.ForAt(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero)), t.Schedules[3].Specs[0]);
    }

    [Fact]
    public void Parse_ShorthandOnTask_MakesOneDefaultSchedule()
    {
        var t = Assert.Single(Yaml("tasks:\n  - name: nightly\n    handler: noop\n    cron: \"0 2 * * *\"\n    time_zone: America/New_York\n").Tasks);
        var s = Assert.Single(t.Schedules);
        Assert.Equal(("default", "America/New_York", "0 2 * * *"), (s.Name, s.TimeZone, s.Specs[0].Cron));
        Assert.Equal(RetryPolicy.Default, t.Retry);
        Assert.Equal(OverlapPolicy.Default, t.Overlap);
    }

    [Fact]
    public void Parse_JsonEquivalent_GivesTheSameDefinition()
    {
        var json = """{"tasks":[{"name":"nightly","handler":"noop","cron":"0 2 * * *","timeout":"90s","overlap":"buffer_one","parameters":{"n":3}}]}""";
        var fromJson = Assert.Single(ConfigLoader.Parse(json, "json", "t.json", Known).Tasks);
        var fromYaml = Assert.Single(Yaml("tasks:\n  - name: nightly\n    handler: noop\n    cron: \"0 2 * * *\"\n    timeout: 90s\n    overlap: buffer_one\n    parameters: { n: 3 }\n").Tasks);
        Assert.Equal(Storage.DefinitionJson.Serialize(fromYaml), Storage.DefinitionJson.Serialize(fromJson));
        Assert.Equal(Storage.DefinitionJson.Serialize(fromYaml.Schedules[0]), Storage.DefinitionJson.Serialize(fromJson.Schedules[0]));
    }

    [Fact]
    public void Parse_MalformedYaml_ReportsLineAndColumn()
    {
        var ex = Bad("tasks:\n  - name: a\n    handler: [noop\n");
        var e = Assert.Single(ex.Errors);
        Assert.StartsWith("yaml syntax error: ", e.Message);
        Assert.Equal(4, e.Line); // the unclosed [ is noticed at the end of the text
    }

    [Theory]
    [InlineData("    handler: ftp\n", "tasks[0].handler", "unknown handler 'ftp'; did you mean 'http'? known handlers: cleanup, command, http, noop", "ftp")]
    [InlineData("    handler: noop\n    cron: \"0 2 * * *\"\n    time_zone: Mars/Base\n", "tasks[0].time_zone", "Mars/Base", "Mars/Base")]
    [InlineData("    handler: noop\n    timeout: -5s\n", "tasks[0].timeout", "timeout must be positive; '-5s' is negative", "-5s")]
    [InlineData("    handler: noop\n    timeout: 0s\n", "tasks[0].timeout", "must be positive", "0s")]
    [InlineData("    handler: noop\n    timeout: soon\n", "tasks[0].timeout", "'soon' is not a duration", "soon")]
    [InlineData("    handler: noop\n    handlr: noop\n", "tasks[0].handlr", "did you mean 'handler'?", "handlr")]
    [InlineData("    handler: noop\n    cron: \"0 0 30 2 *\"\n", "tasks[0].cron", "never fires", "0 0 30 2 *")]
    [InlineData("    handler: noop\n    cron: \"0 25 * * *\"\n", "tasks[0].cron", "hour field '25'", "0 25 * * *")]
    [InlineData("    handler: noop\n    overlap: sometimes\n", "tasks[0].overlap", "expected skip, buffer_one", "sometimes")]
    [InlineData("    handler: noop\n    retry: { attempts: 0 }\n", "tasks[0].retry.attempts", "at least 1", "0")]
    public void Parse_BadValue_NamesPathAndValue(string body, string path, string message, string value)
    {
        var ex = Bad("tasks:\n  - name: a\n" + body);
        var e = Assert.Single(ex.Errors, x => x.Path == path);
        Assert.Contains(message, e.Message);
        Assert.Equal(value, e.Value);
    }

    [Fact]
    public void Parse_ManyProblems_AreAllReported()
    {
        var ex = Bad("""
            tasks:
              - name: Bad Name
                handler: ftp
              - handler: noop
              - name: dup
                handler: noop
              - name: dup
                handler: noop
              - name: sched
                handler: noop
                schedules:
                  - name: x
                    cron: "61 * * * *"
                  - name: x
                    every: 5m
                  - name: y
                    every: 5m
                    time_zone: Nowhere/Land
            queues:
              - name: q
                concurrency: 0
            extra: 1
            """);
        var paths = ex.Errors.Select(e => e.Path).ToList();
        Assert.Contains("tasks[0].name", paths);
        Assert.Contains("tasks[0].handler", paths);
        Assert.Contains("tasks[1].name", paths);
        Assert.Contains("tasks[3].name", paths);
        Assert.Contains("tasks[4].schedules[0].cron", paths);
        Assert.Contains("tasks[4].schedules[2].time_zone", paths);
        Assert.Contains("queues[0].concurrency", paths);
        Assert.Contains("extra", paths);
        Assert.True(ex.Errors.Count >= 8, string.Join("\n", ex.Errors));
        Assert.Contains($"{ex.Errors.Count} error(s)", ex.Message);
    }

    [Fact]
    public void LoadFile_MissingFileOrExtension_IsAClearError()
    {
        Assert.Equal("the configuration file does not exist", Assert.Single(Assert.Throws<ConfigValidationException>(() => ConfigLoader.LoadFile("/nonexistent/rota.yaml", Known)).Errors).Message);
        using var dir = new TestSupport.TempDirectory();
        File.WriteAllText(dir.File("rota.toml"), "");
        Assert.Contains("unsupported file extension", Assert.Single(Assert.Throws<ConfigValidationException>(() => ConfigLoader.LoadFile(dir.File("rota.toml"), Known)).Errors).Message);
    }

    [Fact]
    public void ExampleFile_IsValid()
    {
        var root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "Rota.slnx"))) root = Path.GetDirectoryName(root)!;
        var doc = ConfigLoader.LoadFile(Path.Combine(root, "examples", "rota.yaml"), Known);
        Assert.Contains(doc.Tasks, t => t.Name == "heartbeat" && t.Schedules[0].Specs[0].Interval == TimeSpan.FromSeconds(10));
    }
}
