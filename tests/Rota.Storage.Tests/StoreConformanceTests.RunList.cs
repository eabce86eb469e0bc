using System.Text.Json;
using System.Text.Json.Nodes;
using Rota.Runs;
using Rota.Storage;

namespace Rota.Storage.Tests;

public abstract partial class StoreConformanceTests
{
    /// <summary>Lists read their columns by position: every field of a listed run must be the one <c>RunGet</c> reads,
    /// except the logs, which lists leave out.</summary>
    [Fact]
    public async Task RunList_EveryFieldSet_SameAsRunGetWithoutLogs()
    {
        await using var store = await CreateStoreAsync();
        var t = await store.TaskUpsert(new TaskUpsertParams(Parallel("listed"), T0));
        var parent = await InsertOne(store, Run(t.Id, T0.AddHours(1)));
        var id = await InsertOne(store, Run(t.Id, priority: 4, queue: "io", key: "k-1") with
        {
            Trigger = RunTrigger.Api, TriggeredBy = "api:alice", NominalTime = T0.AddSeconds(-3), Reason = "because",
            Parameters = new JsonObject { ["url"] = "https://example.test/?q=\"x\"", ["n"] = 2 }, ParentRunId = parent, Step = "fetch",
        });
        var run = Assert.Single(await Claim(store, queue: "io"));
        await store.RunProgressMany([new RunProgressParams(id, 40, "forty ✓")]);
        await store.RunCompleteMany([Done(run, RunStatus.Failed) with
        {
            Stats = new JsonObject { ["items"] = 3 }, Error = new RunError("handler.http", "boom", "at X()\n", true), Logs = "a log line\n",
        }]);

        var listed = Assert.Single(await store.RunList(new RunListParams { BeforeId = id + 1, Limit = 1 }));
        var got = (await store.RunGet(id))!;

        Assert.Equal("a log line\n", got.Logs);
        Assert.Null(listed.Logs);
        Assert.Equal(JsonSerializer.Serialize(got with { Logs = null }), JsonSerializer.Serialize(listed));
        Assert.Equal((RunStatus.Failed, 40, "fetch", parent), (listed.Status, listed.Progress, listed.Step, listed.ParentRunId));
        Assert.True(listed.Error!.IsTransient);
    }
}
