using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Rota.Runs;
using Rota.Storage.Postgres;
using Rota.Tasks;

namespace Rota.Storage.Tests;

/// <summary>LISTEN/NOTIFY: two engines on one schema, each with its own store, polling only every 30 s.</summary>
public sealed class PostgresNotifyTests(ITestOutputHelper output)
{
    private static RotaEngine Engine(PostgresStore store, string name, bool executes, Action<RotaOptions>? configure = null)
    {
        var options = new RotaOptions
        {
            NodeName = name, SingleNode = false, ExecutorEnabled = executes, ShutdownGrace = TimeSpan.Zero,
            PollInterval = TimeSpan.FromSeconds(30), HeartbeatInterval = TimeSpan.FromSeconds(10), LeaseDuration = TimeSpan.FromSeconds(30),
        };
        configure?.Invoke(options);
        return new(store, options, TimeProvider.System, new ServiceCollection().AddSingleton(TimeProvider.System).BuildServiceProvider(), NullLoggerFactory.Instance);
    }

    [Fact]
    public async Task WhileListening_ARetryPutBackByThisNode_RunsAtItsTime_NotAtTheLongPoll()
    {
        await using var db = await TestPostgres.CreateAsync();
        var attempts = 0;
        await using var engine = Engine(db.Store, "solo", executes: true, o =>
        {
            o.ListeningPollInterval = TimeSpan.FromMinutes(10);
            o.AddHandler("flaky", _ => ValueTask.FromResult(Interlocked.Increment(ref attempts) == 1
                ? Execution.TaskOutcome.RetryAfter(TimeSpan.FromSeconds(1))
                : Execution.TaskOutcome.Success()));
        });
        await engine.Client.ApplyAsync(new TaskDefinition { Name = "flaky", Handler = "flaky", Retry = new RetryPolicy(MaxAttempts: 2) });
        await engine.StartAsync(CancellationToken.None);
        var sw = Stopwatch.StartNew();
        while (!db.Store.IsListening)
        {
            Assert.True(sw.Elapsed < TimeSpan.FromSeconds(5), "the LISTEN connection did not come up");
            await Task.Delay(20);
        }

        var run = await engine.Client.TriggerAsync(new TriggerRequest("flaky"));
        var took = await UntilSucceeded(db.Store, run.RunId, TimeSpan.FromSeconds(8));
        output.WriteLine($"retry after 1 s ran; run succeeded {took.TotalMilliseconds:F0} ms after the trigger");
        Assert.Equal(2, attempts);
        Assert.Equal(2, (await db.Store.RunGet(run.RunId))!.Attempt);
    }

    private static async Task<TimeSpan> UntilSucceeded(PostgresStore store, long runId, TimeSpan limit)
    {
        var sw = Stopwatch.StartNew();
        while ((await store.RunGet(runId))?.Status != RunStatus.Succeeded)
        {
            Assert.True(sw.Elapsed < limit, $"run {runId} was not executed within {limit}: {(await store.RunGet(runId))?.Status}");
            await Task.Delay(20);
        }
        return sw.Elapsed;
    }

    [Fact]
    public async Task RunTriggeredThroughEngineA_IsPickedUpByEngineB_WithinASecond()
    {
        await using var db = await TestPostgres.CreateAsync();
        await using var storeB = await db.OpenAnotherAsync();
        await using var a = Engine(db.Store, "node-a", executes: false);
        await using var b = Engine(storeB, "node-b", executes: true);
        await a.Client.ApplyAsync(new TaskDefinition { Name = "ping", Handler = "noop" });
        await a.StartAsync(CancellationToken.None);
        await b.StartAsync(CancellationToken.None);
        // The listener connects asynchronously; give it a moment, then every trigger must arrive by notification.
        await Task.Delay(500);

        for (var i = 0; i < 3; i++)
        {
            var run = await a.Client.TriggerAsync(new TriggerRequest("ping"));
            var took = await UntilSucceeded(db.Store, run.RunId, TimeSpan.FromSeconds(5));
            output.WriteLine($"trigger {i}: executed by node-b after {took.TotalMilliseconds:F0} ms");
            Assert.True(took < TimeSpan.FromSeconds(1.5), $"engine B took {took.TotalMilliseconds:F0} ms (poll interval 30 s)");
            Assert.Equal("node-b", (await db.Store.RunGet(run.RunId))!.Node);
        }
    }

    [Fact]
    public async Task BulkEnqueueThroughEngineA_CopiedIn_IsRunByEngineB_WithoutWaitingForThePoll()
    {
        await using var db = await TestPostgres.CreateAsync();
        await using var storeB = await db.OpenAnotherAsync();
        await using var a = Engine(db.Store, "node-a", executes: false);
        await using var b = Engine(storeB, "node-b", executes: true);
        await a.Client.ApplyAsync(new TaskDefinition { Name = "bulk", Handler = "noop", Overlap = new OverlapPolicy(OverlapKind.AllowAll) });
        await a.StartAsync(CancellationToken.None);
        await b.StartAsync(CancellationToken.None);
        await Task.Delay(500);

        // Large enough for binary COPY, whose transaction carries the NOTIFY.
        var ids = await a.Client.EnqueueManyAsync("bulk", new System.Text.Json.Nodes.JsonObject?[PostgresStore.CopyMinRuns * 2]);
        var sw = Stopwatch.StartNew();
        foreach (var id in ids) await UntilSucceeded(db.Store, id, TimeSpan.FromSeconds(10) - sw.Elapsed);
        output.WriteLine($"{ids.Count} copied-in runs executed by node-b within {sw.ElapsedMilliseconds} ms (poll interval 30 s)");
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.All(await Task.WhenAll(ids.Select(id => db.Store.RunGet(id))), r => Assert.Equal("node-b", r!.Node));
    }

    [Fact]
    public async Task ScheduleAppliedThroughFollower_IsFiredByTheLeader_WithoutWaitingForThePoll()
    {
        await using var db = await TestPostgres.CreateAsync();
        await using var storeB = await db.OpenAnotherAsync();
        await using var b = Engine(storeB, "leader-b", executes: true);
        await b.StartAsync(CancellationToken.None);
        await using var a = Engine(db.Store, "follower-a", executes: false);
        await a.StartAsync(CancellationToken.None);
        Assert.True(b.IsLeader);
        Assert.False(a.IsLeader);
        await Task.Delay(500);

        var sw = Stopwatch.StartNew();
        await a.Client.ApplyAsync(new TaskDefinition
        {
            Name = "tick", Handler = "noop",
            Schedules = [new Scheduling.ScheduleDefinition { Specs = [Scheduling.TriggerSpec.ForEvery(TimeSpan.FromSeconds(1))] }],
        });
        while ((await db.Store.RunList(new RunListParams { TaskName = "tick", Status = RunStatus.Succeeded })).Count == 0)
        {
            Assert.True(sw.Elapsed < TimeSpan.FromSeconds(5), "the leader did not fire the new schedule (poll interval 30 s)");
            await Task.Delay(20);
        }
        output.WriteLine($"first occurrence of a schedule applied on the follower ran {sw.Elapsed.TotalMilliseconds:F0} ms later");
        // Due at the next whole second at the latest, plus the wake-up: well under the 30 s poll.
        Assert.True(sw.Elapsed < TimeSpan.FromSeconds(2.5), $"took {sw.Elapsed.TotalMilliseconds:F0} ms");
    }

    [Fact]
    public async Task NotificationsOff_NoNotifySent_AndListenReturnsAtOnce()
    {
        await using var db = await TestPostgres.CreateAsync();
        await using var quiet = await PostgresStore.OpenAsync(db.ConnectionString, db.Schema, notifications: false);
        Assert.False(quiet.NotificationsEnabled);
        await quiet.ListenAsync(_ => Assert.Fail("no wake-ups when off"), NullLogger.Instance, CancellationToken.None);
        var heard = new List<StoreChanges>();
        using var cts = new CancellationTokenSource();
        var listening = db.Store.ListenAsync(c => { lock (heard) heard.Add(c); }, NullLogger.Instance, cts.Token);
        await Task.Delay(500);
        lock (heard) heard.Clear();
        var task = await quiet.TaskUpsert(new TaskUpsertParams(new TaskDefinition { Name = "t", Handler = "noop" }, DateTimeOffset.UnixEpoch));
        await quiet.RunInsertMany([new RunInsertParams { TaskId = task.Id, Trigger = RunTrigger.Manual, Status = RunStatus.Available, Queue = "default", ScheduledAt = DateTimeOffset.UnixEpoch, Now = DateTimeOffset.UnixEpoch, MaxAttempts = 1 }]);
        await using var loud = await db.OpenAnotherAsync();
        await loud.TaskSetEnabled(new TaskSetEnabledParams("t", true, null, null, DateTimeOffset.UnixEpoch));
        var sw = Stopwatch.StartNew();
        while (sw.Elapsed < TimeSpan.FromSeconds(3)) { lock (heard) if (heard.Count > 0) break; await Task.Delay(20); }
        await cts.CancelAsync();
        await listening;
        lock (heard) Assert.Equal([StoreChanges.Schedules], heard);
    }
}
