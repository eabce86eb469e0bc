using System.Collections.Concurrent;
using Rota.Runs;
using Rota.Tasks;

namespace Rota.Storage.Tests;

/// <summary>Several nodes claiming from one PostgreSQL schema at once (each with its own store and pool).</summary>
public sealed class PostgresClaimConcurrencyTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task RunClaimNext_FourConcurrentClaimers_GetEachOf2000RunsExactlyOnce()
    {
        await using var db = await TestPostgres.CreateAsync(T0);
        var task = await db.Store.TaskUpsert(new TaskUpsertParams(new TaskDefinition
        {
            Name = "bulk", Handler = "noop", Overlap = new OverlapPolicy(OverlapKind.AllowAll),
        }, T0));
        var runs = Enumerable.Range(0, 2000).Select(_ => new RunInsertParams { TaskId = task.Id, ScheduledAt = T0, Now = T0 }).ToList();
        Assert.All(await db.Store.RunInsertMany(runs), r => Assert.True(r.Inserted));

        var claims = new ConcurrentBag<(string Node, long Id)>();
        var nodes = new List<IRotaStore>();
        for (var i = 0; i < 4; i++) nodes.Add(await db.OpenAnotherAsync());
        try
        {
            await Task.WhenAll(nodes.Select((store, i) => Task.Run(async () =>
            {
                var node = $"node-{i}";
                while (true)
                {
                    var got = await store.RunClaimNext(new RunClaimNextParams("default", node, 25, T0, T0.AddMinutes(1)));
                    if (got.Count == 0) break;
                    foreach (var r in got) claims.Add((node, r.Id));
                }
            })));
        }
        finally
        {
            foreach (var n in nodes) await n.DisposeAsync();
        }

        var ids = claims.Select(c => c.Id).ToList();
        Assert.Equal(2000, ids.Count);
        Assert.Equal(2000, ids.Distinct().Count());
        Assert.True(claims.Select(c => c.Node).Distinct().Count() > 1, "expected the work to spread over several claimers");
        Assert.Equal(2000, (await db.Store.RunList(new RunListParams { Status = RunStatus.Running, Limit = 10_000 })).Count);
    }

    [Fact]
    public async Task RunClaimNext_ConcurrentClaimers_NeverExceedTaskConcurrencyLimit()
    {
        await using var db = await TestPostgres.CreateAsync(T0);
        var task = await db.Store.TaskUpsert(new TaskUpsertParams(new TaskDefinition
        {
            Name = "pair", Handler = "noop", Overlap = new OverlapPolicy(OverlapKind.AllowAll, 2),
        }, T0));
        await db.Store.RunInsertMany(Enumerable.Range(0, 40).Select(_ => new RunInsertParams { TaskId = task.Id, ScheduledAt = T0, Now = T0 }).ToList());

        var nodes = new List<IRotaStore>();
        for (var i = 0; i < 4; i++) nodes.Add(await db.OpenAnotherAsync());
        var claimed = new ConcurrentBag<long>();
        try
        {
            // Each round every node claims at once; then the running ones finish.
            for (var round = 0; round < 20; round++)
            {
                var got = await Task.WhenAll(nodes.Select((store, i) =>
                    store.RunClaimNext(new RunClaimNextParams("default", $"n{i}", 10, T0, T0.AddMinutes(1)))));
                var running = got.SelectMany(g => g).ToList();
                Assert.True(running.Count <= 2, $"round {round}: {running.Count} runs of a task limited to 2 were running at once");
                foreach (var r in running) claimed.Add(r.Id);
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
        Assert.Equal(40, claimed.Distinct().Count());
    }
}
