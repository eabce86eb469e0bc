using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Rota.Execution;
using Rota.Hosting;
using Rota.Runs;
using Rota.Storage.Postgres;
using Rota.Tasks;

namespace Rota.Storage.Tests;

/// <summary>A queue row's concurrency bounds the runs running across every node of a PostgreSQL cluster.</summary>
public sealed class PostgresQueueConcurrencyTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task RunClaimNext_ConcurrentClaimers_NeverExceedQueueConcurrencyAcrossNodes()
    {
        await using var db = await TestPostgres.CreateAsync(T0);
        var task = await db.Store.TaskUpsert(new TaskUpsertParams(new TaskDefinition
        {
            Name = "bulk", Handler = "noop", Overlap = new OverlapPolicy(OverlapKind.AllowAll),
        }, T0));
        await db.Store.QueueUpsert(new QueueUpsertParams("default", 3));
        await db.Store.RunInsertMany(Enumerable.Range(0, 30).Select(_ => new RunInsertParams { TaskId = task.Id, ScheduledAt = T0, Now = T0 }).ToList());

        var nodes = new List<IRotaStore>();
        for (var i = 0; i < 4; i++) nodes.Add(await db.OpenAnotherAsync());
        var claimed = new List<long>();
        try
        {
            // Every node asks for 10 (its local slots) at once; together they may hold only 3.
            for (var round = 0; round < 10; round++)
            {
                var got = await Task.WhenAll(nodes.Select((store, i) =>
                    store.RunClaimNext(new RunClaimNextParams("default", $"n{i}", 10, T0, T0.AddMinutes(1)))));
                var running = got.SelectMany(g => g).ToList();
                Assert.Equal(3, running.Count);
                claimed.AddRange(running.Select(r => r.Id));
                await db.Store.RunCompleteMany(running.Select(r => new RunCompletion
                {
                    RunId = r.Id, Attempt = r.Attempt, Status = RunStatus.Succeeded, EndedAt = T0.AddSeconds(1),
                }).ToList());
            }
        }
        finally
        {
            foreach (var n in nodes) await n.DisposeAsync();
        }
        Assert.Equal(30, claimed.Distinct().Count());
    }

    [Fact]
    public async Task RunClaimNext_Ahead_OnlyWhenTheQueueLimitLeavesRoomForAllOfIt()
    {
        await using var db = await TestPostgres.CreateAsync(T0);
        var task = await db.Store.TaskUpsert(new TaskUpsertParams(new TaskDefinition
        {
            Name = "bulk", Handler = "noop", Overlap = new OverlapPolicy(OverlapKind.AllowAll),
        }, T0));
        await db.Store.QueueUpsert(new QueueUpsertParams("default", 7));
        await db.Store.RunInsertMany(Enumerable.Range(0, 20).Select(_ => new RunInsertParams { TaskId = task.Id, ScheduledAt = T0, Now = T0 }).ToList());
        Task<IReadOnlyList<RunRecord>> Claim(int limit, int ahead) =>
            db.Store.RunClaimNext(new RunClaimNextParams("default", "n1", limit, T0, T0.AddMinutes(1), Ahead: ahead));

        // 7 free: 2 + 3 fit, so the buffer's 3 come too.
        Assert.Equal(5, (await Claim(2, 3)).Count);
        // 2 free: the 2 slots' worth, but no buffer from the last free slots of a limited queue.
        Assert.Single(await Claim(1, 3));
        // 1 free, nothing asked for slots: nothing.
        Assert.Empty(await Claim(0, 3));
        Assert.Equal(6, (await db.Store.QueueList()).Single(q => q.Name == "default").Running);
    }

    [Fact]
    public async Task TwoEngines_QueueConcurrency3_NeverRunMoreThan3AtOnce()
    {
        await using var db = await TestPostgres.CreateAsync();
        var engines = new List<ServiceProvider>();
        for (var i = 0; i < 2; i++) engines.Add(BuildEngine(db, $"node-{i}"));
        try
        {
            var client = engines[0].GetRequiredService<RotaEngine>().Client;
            await client.ApplyAsync(new TaskDefinition { Name = "slow", Handler = "slow", Overlap = new OverlapPolicy(OverlapKind.AllowAll) });
            await db.Store.QueueUpsert(new QueueUpsertParams("default", 3));
            await client.EnqueueManyAsync("slow", Enumerable.Repeat<JsonObject?>(null, 20).ToList(), triggeredBy: "test");
            foreach (var e in engines) await e.GetRequiredService<RotaEngine>().StartAsync(CancellationToken.None);

            // Sample the store until every run has succeeded.
            var samples = new List<int>();
            var clock = Stopwatch.StartNew();
            while (true)
            {
                var running = await db.Store.RunList(new RunListParams { Status = RunStatus.Running, Limit = 100 });
                samples.Add(running.Count);
                var done = await db.Store.RunList(new RunListParams { Status = RunStatus.Succeeded, Limit = 100 });
                if (done.Count == 20) break;
                Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), $"only {done.Count} of 20 runs succeeded within 60 s");
                await Task.Delay(20);
            }
            Assert.True(samples.Max() <= 3, $"up to {samples.Max()} runs of a queue limited to 3 were running at once");
            Assert.Equal(3, samples.Max());
        }
        finally
        {
            foreach (var e in engines)
            {
                await e.GetRequiredService<RotaEngine>().StopAsync(CancellationToken.None);
                await e.DisposeAsync();
            }
        }
    }

    private static ServiceProvider BuildEngine(TestPostgres db, string node)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddRota(o =>
        {
            o.NodeName = node;
            // Local slots well above the queue's limit: only the cluster-wide count can hold it to 3.
            o.DefaultQueueConcurrency = 10;
            o.ShutdownGrace = TimeSpan.FromSeconds(5);
            o.AddHandler("slow", async ctx =>
            {
                await Task.Delay(TimeSpan.FromMilliseconds(250), ctx.CancellationToken);
                return TaskOutcome.Success();
            });
        }).UsePostgres(db.ConnectionString, db.Schema);
        return services.BuildServiceProvider();
    }
}
