using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Rota.Handlers;
using Rota.Runs;
using Rota.Tasks;
using Rota.TestSupport;

namespace Rota.Tests.Handlers;

/// <summary>The <c>http</c> handler run by the engine: the run record carries its stats or its error.</summary>
public sealed class HttpTaskEngineTests
{
    private static readonly HttpTaskClients Clients = new();

    // TestEngine builds its own service provider, so the handler is registered as a delegate over one instance.
    private static Task<TestEngine> EngineAsync() => TestEngine.CreateAsync(o =>
    {
        var handler = new HttpTaskHandler(Clients, Options.Create(o));
        o.AddHandler("http", handler.ExecuteAsync);
    });

    [Fact]
    public async Task Trigger_HttpTask_RunRecordShowsStats()
    {
        await using var server = await LoopbackHttpServer.StartAsync();
        server.MapText("/health", 200, """{"status":"up"}""", "application/json");
        await using var te = await EngineAsync();
        await te.Client.ApplyAsync(new TaskDefinition
        {
            Name = "ping", Handler = "http", Origin = TaskOrigin.Config,
            Parameters = new JsonObject { ["url"] = server.Url("/health"), ["headers"] = new JsonObject { ["X-Rota"] = "1" } },
        });
        var id = (await te.Client.TriggerAsync(new TriggerRequest("ping"))).RunId;
        await te.Engine.RunDueAsync();

        var run = (await te.Client.GetRunAsync(id))!;
        Assert.Equal(RunStatus.Succeeded, run.Status);
        Assert.Equal(200, run.Stats!["status"]!.GetValue<int>());
        Assert.Equal("""{"status":"up"}""", run.Stats["body"]!.GetValue<string>());
        Assert.Equal("application/json", run.Stats["content_type"]!.GetValue<string>());
        Assert.Contains("-> 200", run.Logs);
        Assert.Equal("1", Assert.Single(server.Requests).Header("X-Rota"));
    }

    [Fact]
    public async Task Trigger_ApiTaskToLoopback_FailsOnceWithBlockedAddress()
    {
        await using var server = await LoopbackHttpServer.StartAsync();
        await using var te = await EngineAsync();
        await te.Client.ApplyAsync(new TaskDefinition
        {
            Name = "probe", Handler = "http", Origin = TaskOrigin.Api,
            Parameters = new JsonObject { ["url"] = server.Url("/admin") },
        });
        var id = (await te.Client.TriggerAsync(new TriggerRequest("probe"))).RunId;
        await te.Engine.RunDueAsync();

        var run = (await te.Client.GetRunAsync(id))!;
        Assert.Equal((RunStatus.Failed, 1, "http.blocked_address", false), (run.Status, run.Attempt, run.Error!.Type, run.Error.IsTransient));
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task Trigger_ServerUnavailable_RetriesAfterRetryAfter()
    {
        await using var server = await LoopbackHttpServer.StartAsync();
        server.MapText("/busy", 503, "later", headers: ("Retry-After", "45"));
        await using var te = await EngineAsync();
        await te.Client.ApplyAsync(new TaskDefinition
        {
            Name = "busy", Handler = "http", Origin = TaskOrigin.Config, Retry = new RetryPolicy(3, TimeSpan.FromSeconds(30)),
            Parameters = new JsonObject { ["url"] = server.Url("/busy") },
        });
        var id = (await te.Client.TriggerAsync(new TriggerRequest("busy"))).RunId;
        await te.Engine.RunDueAsync();

        var run = (await te.Client.GetRunAsync(id))!;
        Assert.Equal((RunStatus.Scheduled, "http.unexpected_status"), (run.Status, run.Error!.Type));
        Assert.Equal(te.Time.GetUtcNow() + TimeSpan.FromSeconds(45), run.ScheduledAt);
    }
}
