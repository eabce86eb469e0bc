using System.Diagnostics;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using Rota.Execution;
using Rota.Runs;
using Rota.Scheduling;
using Rota.Storage.Postgres;
using Rota.Tasks;
using Rota.TestSupport;

namespace Rota.Storage.Tests;

/// <summary>Graceful degradation: the engine's own PostgreSQL server is stopped for ~5 s under load, then started again.</summary>
public sealed class PostgresOutageTests(ITestOutputHelper output)
{
    private const int StoreDown = 5001, StoreUp = 5002;

    [Fact]
    public async Task ServerStoppedFor5s_EngineKeepsHeldRuns_LosesNoCompletion_AndResumesAlone()
    {
        await using var server = await PostgresServer.CreateAsync();
        await using var store = await PostgresStore.OpenAsync(server.ConnectionString);
        var time = TimeProvider.System;
        await store.MigrationUp(new MigrationUpParams(time.GetUtcNow()));
        var logs = new RecordingLoggerProvider();
        using var loggers = LoggerFactory.Create(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Information));
        var options = new RotaOptions
        {
            NodeName = "solo", SingleNode = false, ShutdownGrace = TimeSpan.FromSeconds(5),
            PollInterval = TimeSpan.FromSeconds(1), HeartbeatInterval = TimeSpan.FromSeconds(2), LeaseDuration = TimeSpan.FromSeconds(20),
        };
        options.AddHandler("sleep", async ctx =>
        {
            await Task.Delay(TimeSpan.FromSeconds(3), CancellationToken.None);
            return TaskOutcome.Success();
        });
        await using var engine = new RotaEngine(store, options, time, new ServiceCollection().AddSingleton(time).BuildServiceProvider(), loggers);
        await engine.Client.ApplyAsync(new TaskDefinition
        {
            Name = "tick", Handler = "noop",
            Schedules = [new ScheduleDefinition { Specs = [TriggerSpec.ForEvery(TimeSpan.FromSeconds(1))] }],
        });
        await engine.Client.ApplyAsync(new TaskDefinition { Name = "work", Handler = "sleep", Overlap = new OverlapPolicy(OverlapKind.AllowAll) });
        options.Queues["default"] = 20;
        await engine.StartAsync(CancellationToken.None);
        await Task.Delay(2000);

        // Ten runs that will be running when the server goes, and finish while it is away.
        var work = new List<long>();
        for (var i = 0; i < 10; i++) work.Add((await engine.Client.TriggerAsync(new TriggerRequest("work", IgnoreOverlap: true))).RunId);
        await WaitFor(async () => (await store.RunList(new RunListParams { TaskName = "work", Status = RunStatus.Running })).Count == 10, "10 running");

        var down = Stopwatch.StartNew();
        await server.StopAsync();
        await Task.Delay(TimeSpan.FromSeconds(5));
        Assert.True(logs.Count(StoreDown) >= 1, "one warning when the store went down:\n" + logs.Dump());
        await server.StartAsync();
        var outage = down.Elapsed;
        var back = Stopwatch.StartNew();
        var restartedAt = time.GetUtcNow();

        await WaitFor(async () => (await store.RunList(new RunListParams { TaskName = "work", Status = RunStatus.Succeeded })).Count == 10, "work succeeded after the outage", logs);
        var completedAfter = back.Elapsed;
        await WaitFor(async () => (await store.RunList(new RunListParams { TaskName = "tick", Status = RunStatus.Succeeded })).Any(r => r.NominalTime > restartedAt), "ticks after the outage", logs);
        var resumedAfter = back.Elapsed;

        foreach (var id in work)
        {
            var run = (await store.RunGet(id))!;
            Assert.Equal(RunStatus.Succeeded, run.Status);
            Assert.Equal(1, run.Attempt); // finished on the node that held it, not rescued and retried
            Assert.Equal("solo", run.Node);
        }
        await using var c = new NpgsqlConnection(server.ConnectionString + ";Search Path=rota");
        var duplicated = await c.ExecuteScalarAsync<long>(
            "SELECT count(*) FROM (SELECT 1 FROM rota_runs WHERE schedule_id IS NOT NULL GROUP BY schedule_id, nominal_time HAVING count(*) > 1) d");
        Assert.Equal(0, duplicated);
        var warnings = logs.Count(StoreDown);
        var infos = logs.Count(StoreUp);
        output.WriteLine($"outage {outage.TotalSeconds:F1} s; after the server was back: held completions written within {completedAfter.TotalSeconds:F1} s, first new tick succeeded within {resumedAfter.TotalSeconds:F1} s; store-down warnings {warnings}, store-up infos {infos}; other errors {logs.Entries.Count(e => e.Level >= LogLevel.Error)}");
        output.WriteLine(logs.Dump());
        Assert.InRange(warnings, 1, 2);
        Assert.InRange(infos, 1, 2);
        Assert.DoesNotContain(logs.Entries, e => e.Level >= LogLevel.Error);
    }

    private static async Task WaitFor(Func<Task<bool>> condition, string what, RecordingLoggerProvider? logs = null)
    {
        var sw = Stopwatch.StartNew();
        while (true)
        {
            try { if (await condition()) return; }
            catch (RotaException) { }
            Assert.True(sw.Elapsed < TimeSpan.FromSeconds(40), $"timed out waiting for {what}\n{logs?.Dump()}");
            await Task.Delay(100);
        }
    }
}
