using System.Diagnostics;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Rota.Execution;
using Rota.Handlers;
using Rota.Tasks;

namespace Rota.Tests.Handlers;

public sealed class CommandTaskHandlerTests
{
    private static readonly CommandTaskHandler Handler = new(Options.Create(new RotaOptions()));

    private static TaskContext Context(JsonObject parameters, TaskOrigin origin = TaskOrigin.Config, CancellationToken ct = default, Action<int?, string?>? progress = null) =>
        TaskContext.ForTest(new TaskDefinition { Name = "cmd", Handler = "command", Origin = origin }, parameters, cancellation: ct, onProgress: progress);

    private static JsonObject Sh(string script, JsonObject? extra = null)
    {
        var p = new JsonObject { ["program"] = "/bin/sh", ["args"] = new JsonArray("-c", script) };
        foreach (var (k, v) in extra ?? []) p[k] = v?.DeepClone();
        return p;
    }

    [Fact]
    public async Task Execute_Success_RecordsExitCodeOutputAndRotaEnvironment()
    {
        var outcome = await Handler.ExecuteAsync(Context(Sh("echo run=$ROTA_RUN_ID task=$ROTA_TASK greeting=$GREETING; echo oops >&2",
            new JsonObject { ["env"] = new JsonObject { ["GREETING"] = "hi" } })));
        var stats = Assert.IsType<SucceededOutcome>(outcome).Stats!;
        Assert.Equal(0, stats["exit_code"]!.GetValue<int>());
        Assert.Equal("run=1 task=cmd greeting=hi\n", stats["stdout_tail"]!.GetValue<string>());
        Assert.Equal("oops\n", stats["stderr_tail"]!.GetValue<string>());
    }

    [Fact]
    public async Task Execute_NonZeroExit_FailsTransientWithCode()
    {
        var outcome = Assert.IsType<FailedOutcome>(await Handler.ExecuteAsync(Context(Sh("exit 3"))));
        Assert.Equal(("command.exit_code", true), (outcome.Error.Type, outcome.Error.IsTransient));
        Assert.Contains("exited with code 3", outcome.Error.Message);
        Assert.IsType<SucceededOutcome>(await Handler.ExecuteAsync(Context(Sh("exit 3", new JsonObject { ["success_exit_codes"] = new JsonArray(0, 3) }))));
    }

    [Fact]
    public async Task Execute_ProgramMissing_FailsPermanently()
    {
        var outcome = Assert.IsType<FailedOutcome>(await Handler.ExecuteAsync(Context(new JsonObject { ["program"] = "/no/such/program" })));
        Assert.Equal(("command.not_found", false), (outcome.Error.Type, outcome.Error.IsTransient));
    }

    [Fact]
    public async Task Execute_TaskFromApi_IsRefusedUnlessAllowed()
    {
        var refused = Assert.IsType<FailedOutcome>(await Handler.ExecuteAsync(Context(Sh("echo hi"), TaskOrigin.Api)));
        Assert.Equal("command.not_allowed", refused.Error.Type);
        var allowed = new CommandTaskHandler(Options.Create(new RotaOptions { AllowCommandFromApi = true }));
        Assert.IsType<SucceededOutcome>(await allowed.ExecuteAsync(Context(Sh("echo hi"), TaskOrigin.Api)));
    }

    [Fact]
    public async Task Execute_OutputBeyondLimit_IsTruncatedAndSaysSo()
    {
        var outcome = Assert.IsType<SucceededOutcome>(await Handler.ExecuteAsync(Context(Sh("for i in $(seq 1 200); do echo line-$i; done",
            new JsonObject { ["max_output_bytes"] = 50 }))));
        var tail = outcome.Stats!["stdout_tail"]!.GetValue<string>();
        Assert.StartsWith("line-1\n", tail);
        Assert.Contains("[truncated:", tail);
    }

    [Fact]
    public async Task Execute_ProgressLines_AreReported()
    {
        var seen = new List<(int?, string?)>();
        await Handler.ExecuteAsync(Context(Sh("echo '::progress 40 fetched 4 of 10'; echo done"), progress: (p, t) => seen.Add((p, t))));
        Assert.Equal([(40, "fetched 4 of 10")], seen);
    }

    [Fact]
    public async Task Execute_Cancelled_KillsTheProcessQuickly()
    {
        using var cts = new CancellationTokenSource();
        var pidFile = Path.Combine(Path.GetTempPath(), $"rota-cmd-{Guid.NewGuid():N}.pid");
        var run = Handler.ExecuteAsync(Context(Sh($"echo $$ > {pidFile}; exec sleep 30"), ct: cts.Token)).AsTask();
        while (!File.Exists(pidFile) || new FileInfo(pidFile).Length == 0) await Task.Delay(20);
        var pid = int.Parse(File.ReadAllText(pidFile).Trim());
        var sw = Stopwatch.StartNew();
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
        Assert.True(sw.Elapsed < TimeSpan.FromSeconds(5));
        Assert.False(Directory.Exists($"/proc/{pid}") && !File.ReadAllText($"/proc/{pid}/stat").Contains(") Z ", StringComparison.Ordinal), "the process should be gone");
        File.Delete(pidFile);
    }

    [Fact]
    public async Task Execute_OwnTimeout_KillsAndFailsTransient()
    {
        var outcome = Assert.IsType<FailedOutcome>(await Handler.ExecuteAsync(Context(Sh("sleep 30", new JsonObject { ["timeout"] = "300ms" }))));
        Assert.Equal(("command.timeout", true), (outcome.Error.Type, outcome.Error.IsTransient));
    }

    [Theory]
    [InlineData("""{"args":["x"]}""", "'program' is required")]
    [InlineData("""{"program":"/bin/true","args":"x"}""", "'args' must be a list")]
    [InlineData("""{"program":"/bin/true","timeout":"soon"}""", "'timeout' must be a positive duration")]
    [InlineData("""{"program":"/bin/true","env":[1]}""", "'env' must be an object")]
    public async Task Execute_BadParameters_NameTheParameter(string json, string message)
    {
        var ex = await Assert.ThrowsAsync<RotaException>(() => Handler.ExecuteAsync(Context((JsonObject)JsonNode.Parse(json)!)).AsTask());
        Assert.Equal("command.bad_parameters", ex.Code);
        Assert.Contains(message, ex.Message);
        Assert.False(ex.IsTransient);
    }
}
