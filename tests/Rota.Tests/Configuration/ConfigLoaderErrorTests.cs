using Rota.Configuration;

namespace Rota.Tests.Configuration;

/// <summary>Every kind of bad configuration: each error names its path, the bad value and its line, all are listed
/// (not just the first), and they come in file order.</summary>
public sealed class ConfigLoaderErrorTests
{
    // The handler kinds a default `rota serve` has (http is not built in yet).
    private static readonly IReadOnlySet<string> Known = new HashSet<string> { "noop", "command", "cleanup" };

    private static IReadOnlyList<ConfigError> Errors(string text, string format = "yaml") =>
        Assert.Throws<ConfigValidationException>(() => ConfigLoader.Parse(text, format, "test." + format, Known)).Errors;

    private static ConfigError One(IReadOnlyList<ConfigError> errors, string path) =>
        Assert.Single(errors, e => e.Path == path);

    [Fact]
    public void Parse_YamlSyntaxError_ReportsLineAndColumn()
    {
        var e = Assert.Single(Errors("tasks:\n  - name: a\n    handler: noop\n   oops: [1, 2\n"));
        Assert.Equal("", e.Path);
        Assert.Equal(("yaml syntax error: While parsing a block collection, did not find expected '-' indicator.", 4, 4), (e.Message, e.Line, e.Column));
        Assert.Equal("line 4, column 4: yaml syntax error: While parsing a block collection, did not find expected '-' indicator.", e.ToString());
    }

    [Fact]
    public void Parse_JsonTrailingComma_IsRejectedWithPosition()
    {
        const string json = "{\n  \"tasks\": [\n    { \"name\": \"a\", \"handler\": \"noop\", }\n  ]\n}\n";
        var e = Assert.Single(Errors(json, "json"));
        Assert.Equal((3, 39), (e.Line, e.Column));
        Assert.Equal("json syntax error: The JSON object contains a trailing comma at the end which is not supported in this mode.", e.Message);
    }

    [Fact]
    public void Parse_JsonComment_IsRejectedWithPosition()
    {
        const string json = "{\n  // nightly jobs\n  \"tasks\": []\n}\n";
        var e = Assert.Single(Errors(json, "json"));
        Assert.Equal((2, 3), (e.Line, e.Column));
        Assert.StartsWith("json syntax error: ", e.Message);
    }

    [Fact]
    public void Parse_JsonDuplicateKey_IsReportedWithPath()
    {
        const string json = "{\"tasks\": [\n {\"name\": \"a\", \"handler\": \"noop\",\n  \"handler\": \"cleanup\", \"timeout\": \"-1s\"}]}";
        var errors = Errors(json, "json");
        var dup = One(errors, "tasks[0].handler");
        Assert.Equal(("handler", 3, 3), (dup.Value, dup.Line, dup.Column));
        Assert.Contains("duplicate key; it is already given at line 2", dup.Message);
        Assert.Equal("-1s", One(errors, "tasks[0].timeout").Value);
    }

    [Fact]
    public void Parse_SeveralYamlDocuments_AreRejectedAndTheFirstIsStillChecked()
    {
        var errors = Errors("tasks:\n  - name: a\n    handler: nope\n---\ntasks: []\n");
        Assert.Equal(2, errors.Count);
        Assert.Equal(("tasks[0].handler", "nope", 3), (errors[0].Path, errors[0].Value, errors[0].Line));
        Assert.Equal(("", "---", 4), (errors[1].Path, errors[1].Value, errors[1].Line));
        Assert.Contains("one YAML document; found 2", errors[1].Message);
    }

    [Fact]
    public void Parse_DuplicateTaskNames_AreReportedAlongsideOtherErrors()
    {
        var errors = Errors("""
            tasks:
              - name: sync
                handler: ftp
              - name: sync
                handler: noop
                timeout: -1s
            """);
        Assert.Equal(["tasks[0].handler", "tasks[1].name", "tasks[1].timeout"], errors.Select(e => e.Path));
        var dup = errors[1];
        Assert.Equal(("sync", 4), (dup.Value, dup.Line));
        Assert.Equal("duplicate task name; 'sync' is already defined by tasks[0] (line 2)", dup.Message);
    }

    [Fact]
    public void Parse_DuplicateKey_IsReportedAlongsideOtherErrors()
    {
        var errors = Errors("""
            tasks:
              - name: a
                handler: noop
                cron: "0 25 * * *"
                handler: cleanup
            """);
        Assert.Equal(["tasks[0].cron", "tasks[0].handler"], errors.Select(e => e.Path));
        Assert.Equal(("handler", 5, 5), (errors[1].Value, errors[1].Line, errors[1].Column));
        Assert.Contains("hour field '25'", errors[0].Message);
    }

    [Theory]
    [InlineData("task:\n  - name: a\n    handler: noop\n", "task", 1, "unknown key; did you mean 'tasks'?")]
    [InlineData("tasks:\n  - name: a\n    handlr: noop\n", "tasks[0].handlr", 3, "unknown key; did you mean 'handler'?")]
    [InlineData("tasks:\n  - name: a\n    handler: noop\n    schedules:\n      - cron: \"0 * * * *\"\n        timezone: UTC\n", "tasks[0].schedules[0].timezone", 6, "unknown key; did you mean 'time_zone'?")]
    [InlineData("tasks:\n  - name: a\n    handler: noop\n    color: blue\n", "tasks[0].color", 4, "unknown key; allowed: ")]
    public void Parse_UnknownKey_NamesItAndSuggests(string yaml, string path, int line, string message)
    {
        var e = One(Errors(yaml), path);
        Assert.Equal((path[(path.LastIndexOf('.') + 1)..], line), (e.Value, e.Line));
        Assert.StartsWith(message, e.Message);
    }

    [Theory]
    [InlineData("nop", "unknown handler 'nop'; did you mean 'noop'? known handlers: cleanup, command, noop")]
    [InlineData("http", "unknown handler 'http'; known handlers: cleanup, command, noop")]
    [InlineData("crawler-xyz", "unknown handler 'crawler-xyz'; known handlers: cleanup, command, noop")]
    public void Parse_UnknownHandler_NamesValueAndKnownHandlers(string handler, string message)
    {
        var e = One(Errors($"tasks:\n  - name: a\n    handler: {handler}\n"), "tasks[0].handler");
        Assert.Equal((handler, 3, 14, message), (e.Value, e.Line, e.Column, e.Message));
    }

    [Fact]
    public void Parse_BadTimeZone_NamesPathValueAndLine()
    {
        var e = Assert.Single(Errors("tasks:\n  - name: a\n    handler: noop\n    schedules:\n      - cron: \"0 2 * * *\"\n        time_zone: Mars/Olympus\n"));
        Assert.Equal(("tasks[0].schedules[0].time_zone", "Mars/Olympus", 6), (e.Path, e.Value, e.Line));
        Assert.Contains("'Mars/Olympus' is not a known IANA time zone", e.Message);
        Assert.EndsWith("[schedule.bad_time_zone]", e.Message);
    }

    [Theory]
    [InlineData("timeout: -5s", "tasks[0].timeout", "-5s", "timeout must be positive; '-5s' is negative")]
    [InlineData("timeout: 0s", "tasks[0].timeout", "0s", "timeout must be positive; '0s' is zero")]
    [InlineData("timeout: -30", "tasks[0].timeout", "-30", "timeout must be positive; '-30' is negative")]
    [InlineData("every: 0s", "tasks[0].every", "0s", "every must be positive; '0s' is zero")]
    [InlineData("every: -10m", "tasks[0].every", "-10m", "every must be positive; '-10m' is negative")]
    [InlineData("min_spacing: -4h", "tasks[0].min_spacing", "-4h", "min_spacing must be positive; '-4h' is negative")]
    [InlineData("min_spacing: 0", "tasks[0].min_spacing", "0", "min_spacing must be positive; '0' is zero")]
    [InlineData("terminate_grace: -1s", "tasks[0].terminate_grace", "-1s", "terminate_grace must be zero or more; '-1s' is negative")]
    [InlineData("timeout: soon", "tasks[0].timeout", "soon", "'soon' is not a duration; write e.g. 90s, 10m, 1h30m, 2d or 00:05:00")]
    [InlineData("timeout: 99999999999d", "tasks[0].timeout", "99999999999d", "'99999999999d' is not a duration; write e.g. 90s, 10m, 1h30m, 2d or 00:05:00")]
    public void Parse_NegativeZeroOrBadDuration_NamesTheValue(string line, string path, string value, string message)
    {
        var e = One(Errors($"tasks:\n  - name: a\n    handler: noop\n    {line}\n"), path);
        Assert.Equal((value, message, 4), (e.Value, e.Message, e.Line));
    }

    [Fact]
    public void Parse_CronThatNeverFires_NamesTheDayOfMonthField()
    {
        var e = Assert.Single(Errors("tasks:\n  - name: a\n    handler: noop\n    cron: \"0 0 30 2 *\"\n"));
        Assert.Equal(("tasks[0].cron", "0 0 30 2 *", 4), (e.Path, e.Value, e.Line));
        Assert.Contains("day-of-month '30'", e.Message);
        Assert.EndsWith("[cron.never_fires]", e.Message);
    }

    [Fact]
    public void Parse_BadCronInAList_PointsAtTheListItem()
    {
        var e = Assert.Single(Errors("tasks:\n  - name: a\n    handler: noop\n    cron:\n      - \"0 8 * * *\"\n      - \"0 0 31 4 *\"\n"));
        Assert.Equal(("tasks[0].cron[1]", "0 0 31 4 *", 6), (e.Path, e.Value, e.Line));
    }

    [Fact]
    public void Parse_PhaseWithoutEvery_IsAnError()
    {
        var e = Assert.Single(Errors("tasks:\n  - name: a\n    handler: noop\n    cron: \"0 * * * *\"\n    phase: 30s\n"));
        Assert.Equal(("tasks[0].phase", "30s", 5), (e.Path, e.Value, e.Line));
        Assert.Contains("add 'every:'", e.Message);
    }

    [Fact]
    public void Parse_PhaseNotShorterThanEvery_IsAnError()
    {
        var e = Assert.Single(Errors("tasks:\n  - name: a\n    handler: noop\n    every: 1m\n    phase: 90s\n"));
        Assert.Equal(("tasks[0].phase", "90s", "phase must be shorter than every (1m)"), (e.Path, e.Value, e.Message));
    }

    [Theory]
    [InlineData("tasks: nightly\n", "tasks", "nightly", "expected a list of tasks (each starting with '- name:'), not a single value")]
    [InlineData("queues: default\n", "queues", "default", "expected a list of queues, not a single value")]
    [InlineData("tasks:\n  - name: a\n    handler: noop\n    schedules: \"0 * * * *\"\n", "tasks[0].schedules", "0 * * * *", "expected a list of schedules (each starting with '- '), not a single value")]
    [InlineData("tasks:\n  - name: a\n    handler: [noop, cleanup]\n", "tasks[0].handler", "[noop, cleanup]", "expected a single value, not a list")]
    [InlineData("tasks:\n  - name: a\n    handler: noop\n    parameters: [1, 2]\n", "tasks[0].parameters", "[1, 2]", "expected a mapping (key: value pairs), not a list")]
    [InlineData("tasks:\n  - name: a\n    handler: noop\n    tags: {a: 1}\n", "tasks[0].tags", "{a: 1}", "expected a value or a list, not a mapping")]
    [InlineData("- a\n- b\n", "", "[a, b]", "the top level must be a mapping with 'queues' and 'tasks', not a list")]
    public void Parse_WrongType_NamesPathValueAndExpectation(string yaml, string path, string value, string message)
    {
        var e = One(Errors(yaml), path);
        Assert.Equal((value, message), (e.Value, e.Message));
    }

    [Fact]
    public void Parse_ManyErrors_AreAllListedInLineOrder()
    {
        var ex = Assert.Throws<ConfigValidationException>(() => ConfigLoader.Parse("""
            extra: 1
            tasks:
              - name: a
                handler: ftp
                cron: "0 0 30 2 *"
              - name: a
                handler: noop
                handlr: x
                every: 0s
            queues:
              - name: q
                concurrency: 0
            """, "yaml", "rota.yaml", Known));
        Assert.Equal(
            [("extra", 1), ("tasks[0].handler", 4), ("tasks[0].cron", 5), ("tasks[1].name", 6), ("tasks[1].handlr", 8), ("tasks[1].every", 9), ("queues[0].concurrency", 12)],
            ex.Errors.Select(e => (e.Path, e.Line!.Value)));
        Assert.StartsWith("config: rota.yaml has 7 error(s):", ex.Message);
        Assert.Contains("  - line 4, column 14: tasks[0].handler: unknown handler 'ftp'; known handlers: cleanup, command, noop (value: 'ftp')", ex.Message);
    }

    [Fact]
    public void Parse_EmptyFileOrEmptyLists_IsAValidEmptyDocument()
    {
        Assert.Empty(ConfigLoader.Parse("", "yaml", "e.yaml", Known).Tasks);
        Assert.Empty(ConfigLoader.Parse("# nothing yet\ntasks:\nqueues:\n", "yaml", "e.yaml", Known).Tasks);
        Assert.Empty(ConfigLoader.Parse("{\"tasks\": []}", "json", "e.json", Known).Tasks);
    }

    [Theory]
    [InlineData("examples/rota.yaml")]
    [InlineData("rota.yaml")]
    public void ShippedConfigFiles_UseOnlyBuiltInHandlers(string relative)
    {
        var root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "Rota.slnx"))) root = Path.GetDirectoryName(root)!;
        var doc = ConfigLoader.LoadFile(Path.Combine(root, relative), Known);
        Assert.NotEmpty(doc.Tasks);
        Assert.All(doc.Tasks, t => Assert.Contains(t.Handler, Known));
    }
}
