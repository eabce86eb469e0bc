using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Rota.Execution;
using Rota.Hosting;
using Rota.Runs;
using Rota.Storage;
using Rota.Storage.Sqlite;
using Rota.Tasks;
using Rota.TestSupport;

namespace Rota.Tests.Hosting;

/// <summary>Rota hosted in a real Generic Host the way an application would: AddRota, a store, a DI-aware handler.</summary>
public sealed class AddRotaHostingTests
{
    /// <summary>An application service the handler gets from DI.</summary>
    public sealed class Greeter
    {
        public ConcurrentQueue<string> Greeted { get; } = new();

        public string Greet(string name)
        {
            Greeted.Enqueue(name);
            return $"Hello, {name}";
        }
    }

    public sealed class GreetHandler(Greeter greeter) : ITaskHandler
    {
        public ValueTask<TaskOutcome> ExecuteAsync(TaskContext context)
        {
            var name = context.Parameters["name"]?.GetValue<string>() ?? "world";
            return ValueTask.FromResult(TaskOutcome.Success(new JsonObject { ["greeting"] = greeter.Greet(name) }));
        }
    }

    [Fact]
    public async Task AddRota_InGenericHost_RunsHandlerWithInjectedServiceAndStopsGracefully()
    {
        using var dir = new TempDirectory();
        var blockedStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddSingleton<Greeter>();
        builder.Services.AddRota(o =>
        {
            o.NodeName = "host-test";
            o.PollInterval = TimeSpan.FromMilliseconds(100);
            o.ShutdownGrace = TimeSpan.FromMilliseconds(300);
            o.AddHandler("block", async ctx =>
            {
                blockedStarted.TrySetResult();
                await Task.Delay(Timeout.InfiniteTimeSpan, ctx.CancellationToken);
                return TaskOutcome.Success();
            });
        }).UseSqlite(dir.File("rota.db")).AddHandler<GreetHandler>("greet");

        using var host = builder.Build();
        Assert.Contains(host.Services.GetServices<IHostedService>(), s => s is RotaEngine);
        await host.StartAsync(TestContext.Current.CancellationToken);
        var client = host.Services.GetRequiredService<RotaClient>();
        var store = host.Services.GetRequiredService<IRotaStore>();

        await client.ApplyAsync(new TaskDefinition { Name = "greet-ada", Handler = "greet", Parameters = new JsonObject { ["name"] = "Ada" } });
        var greetId = (await client.TriggerAsync(new TriggerRequest("greet-ada"))).RunId;
        var run = await WaitForAsync(client, greetId, r => r.Status.IsTerminal());
        Assert.Equal(RunStatus.Succeeded, run.Status);
        Assert.Equal("Hello, Ada", run.Stats!["greeting"]!.GetValue<string>());
        Assert.Equal(["Ada"], host.Services.GetRequiredService<Greeter>().Greeted);
        Assert.Equal("host-test", run.Node);

        await client.ApplyAsync(new TaskDefinition { Name = "long", Handler = "block" });
        var longId = (await client.TriggerAsync(new TriggerRequest("long"))).RunId;
        await blockedStarted.Task.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

        await host.StopAsync(TestContext.Current.CancellationToken);
        var interrupted = (await client.GetRunAsync(longId))!;
        // Put back for the next start without spending an attempt.
        Assert.Equal((RunStatus.Scheduled, 0, "interrupted by shutdown"), (interrupted.Status, interrupted.Attempt, interrupted.Reason));
        Assert.Empty(await store.RunList(new RunListParams { Status = RunStatus.Running }));

        // Stopped means stopped: new work waits for the next start.
        var afterStop = (await client.TriggerAsync(new TriggerRequest("greet-ada"))).RunId;
        await Task.Delay(TimeSpan.FromMilliseconds(500), TestContext.Current.CancellationToken);
        Assert.Equal(RunStatus.Available, (await client.GetRunAsync(afterStop))!.Status);
        Assert.Single(host.Services.GetRequiredService<Greeter>().Greeted);
    }

    [Fact]
    public async Task AddRota_BuiltInHttpHandler_IsResolvedFromDiWithSharedClients()
    {
        using var dir = new TempDirectory();
        await using var server = await LoopbackHttpServer.StartAsync();
        server.MapText("/ping", 200, "pong");
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddRota(o => o.PollInterval = TimeSpan.FromMilliseconds(100)).UseSqlite(dir.File("rota.db"));
        using var host = builder.Build();
        Assert.Same(host.Services.GetRequiredService<Rota.Handlers.HttpTaskClients>(), host.Services.GetRequiredService<Rota.Handlers.HttpTaskClients>());
        await host.StartAsync(TestContext.Current.CancellationToken);
        var client = host.Services.GetRequiredService<RotaClient>();

        await client.ApplyAsync(new TaskDefinition { Name = "ping", Handler = "http", Origin = TaskOrigin.Config, Parameters = new JsonObject { ["url"] = server.Url("/ping") } });
        var run = await WaitForAsync(client, (await client.TriggerAsync(new TriggerRequest("ping"))).RunId, r => r.Status.IsTerminal());
        Assert.Equal((RunStatus.Succeeded, "pong"), (run.Status, run.Stats!["body"]!.GetValue<string>()));
        await host.StopAsync(TestContext.Current.CancellationToken);
    }

    /// <summary>Polls the run (real time: the host runs on the system clock) until the condition holds.</summary>
    private static async Task<RunRecord> WaitForAsync(RotaClient client, long runId, Func<RunRecord, bool> done)
    {
        var sw = Stopwatch.StartNew();
        while (true)
        {
            var run = await client.GetRunAsync(runId) ?? throw new InvalidOperationException($"run {runId} not found");
            if (done(run)) return run;
            if (sw.Elapsed > TimeSpan.FromSeconds(15)) throw new TimeoutException($"run {runId} is still {run.Status} after 15 s");
            await Task.Delay(50);
        }
    }
}
