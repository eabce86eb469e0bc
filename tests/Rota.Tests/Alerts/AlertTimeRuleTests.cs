using Rota.Alerts;
using Rota.Storage;
using Rota.TestSupport;

namespace Rota.Tests.Alerts;

/// <summary>The time-based rules, evaluated with the fake clock advanced (the periodic loop is driven by hand).</summary>
public sealed class AlertTimeRuleTests
{
    private static string Yaml(LoopbackHttpServer server, string rules) => $"""
        alerts:
          channels:
            hook: {"{"}type: webhook, url: "{server.Url("/hook")}"{"}"}
          rules:
        {rules}
        """;

    private static async Task<(LoopbackHttpServer, AlertBed)> CreateAsync(string rules)
    {
        var server = await LoopbackHttpServer.StartAsync();
        server.MapText("/hook", 204);
        return (server, await AlertBed.CreateAsync(Yaml(server, rules)));
    }

    private static async Task<List<(string Rule, string Kind, string Key)>> Sent(AlertBed bed)
    {
        await bed.Alerter.WhenIdleAsync();
        return (await bed.DeliveriesAsync()).Select(d => (d.Rule, d.Kind, d.SubjectKey)).ToList();
    }

    [Fact]
    public async Task DeadMan_ScheduleStopsSucceeding_FiresOnceAfterThreshold_ResolvesOnNextSuccess()
    {
        var (server, bed) = await CreateAsync("""
                - name: sync-alive
                  kind: no_success_within
                  task: hourly-sync
                  duration: 3h
                  channels: [hook]
            """);
        await using var _ = server;
        await using var __ = bed;
        await bed.AddTaskAsync("hourly-sync", every: TimeSpan.FromHours(1));
        bed.Queue(true, false, false, false, false, false, true);

        var hours = new List<int>();
        for (var hour = 1; hour <= 7; hour++)
        {
            bed.T.Time.Advance(TimeSpan.FromHours(1));
            await bed.T.Engine.RunDueAsync();
            await bed.Alerter.WhenIdleAsync();
            var before = (await Sent(bed)).Count;
            await bed.Alerter.EvaluateAsync();
            if ((await Sent(bed)).Count > before) hours.Add(hour);
        }

        // Last success at hour 1; more than 3 h without one at hour 5; hour 7's run succeeds again (resolved by the run).
        Assert.Equal([("sync-alive", "fired", "hourly-sync"), ("sync-alive", "resolved", "hourly-sync")], await Sent(bed));
        Assert.Equal([5], hours);
        var fired = JsonBody(server.Requests[0].Body);
        Assert.Equal("[Rota Alert] Task hourly-sync has not succeeded within 3h", fired["subject"]);
        Assert.Contains("hourly-sync has not succeeded since 2026-01-05T10:00:00Z.", fired["body"]);
    }

    [Fact]
    public async Task RunLongerThan_StuckRun_FiresWhileRunning_ResolvedWhenItEnds()
    {
        var release = new TaskCompletionSource();
        var server = await LoopbackHttpServer.StartAsync();
        server.MapText("/hook", 204);
        await using var _ = server;
        await using var bed = await AlertBed.CreateAsync(Yaml(server, """
                - name: too-long
                  kind: run_longer_than
                  duration: 30m
                  channels: [hook]
            """));
        bed.T.Options.AddHandler("slow", async _ => { await release.Task; return Execution.TaskOutcome.Success(); });
        await bed.T.Client.ApplyAsync(new Tasks.TaskDefinition { Name = "export", Handler = "slow" });
        var id = (await bed.T.Client.TriggerAsync(new TriggerRequest("export"))).RunId;
        var running = await bed.T.Engine.TickAsync();

        bed.T.Time.Advance(TimeSpan.FromMinutes(20));
        await bed.Alerter.EvaluateAsync();
        Assert.Empty(await Sent(bed));
        bed.T.Time.Advance(TimeSpan.FromMinutes(20));
        await bed.Alerter.EvaluateAsync();
        await bed.Alerter.EvaluateAsync();
        Assert.Equal([("too-long", "fired", $"export#{id}")], await Sent(bed));

        release.SetResult();
        await Task.WhenAll(running);
        Assert.Equal([("too-long", "fired", $"export#{id}"), ("too-long", "resolved", $"export#{id}")], await Sent(bed));
    }

    [Fact]
    public async Task SourceRules_ErrorFor24hAndPermanentError_Fire_ResolvedWhenSourceRecovers()
    {
        var (server, bed) = await CreateAsync("""
                - name: source-stuck
                  kind: source_error_longer_than
                  channels: [hook]
                - name: source-broken
                  kind: source_permanent_error
                  channels: [hook]
            """);
        await using var _ = server;
        await using var __ = bed;
        var now = bed.T.Time.GetUtcNow();
        var flaky = await bed.Store.SourceUpsert(new SourceUpsertParams("ada", "Flaky feed", "feed", "https://a.example/feed", "https://a.example/feed", "a.example/feed", 3600, now));
        var gone = await bed.Store.SourceUpsert(new SourceUpsertParams("ada", "Gone feed", "feed", "https://b.example/feed", "https://b.example/feed", "b.example/feed", 3600, now));
        await bed.Store.SourceUpdateAfterCrawl(new SourceUpdateAfterCrawlParams(flaky.Id, SourceStatus.Error, true, "http.server_error", "503 from upstream", true, null, null, now.AddHours(1), 3600, now));
        await bed.Store.SourceUpdateAfterCrawl(new SourceUpdateAfterCrawlParams(gone.Id, SourceStatus.Error, true, "http.not_found", "404 Not Found", false, null, null, now.AddHours(1), 3600, now));

        await bed.Alerter.EvaluateAsync();
        Assert.Equal([("source-broken", "fired", $"source:{gone.Id}")], await Sent(bed));

        bed.T.Time.Advance(TimeSpan.FromHours(23));
        await bed.Alerter.EvaluateAsync();
        Assert.Single(await Sent(bed));
        bed.T.Time.Advance(TimeSpan.FromHours(2));
        await bed.Alerter.EvaluateAsync();
        Assert.Equal(("source-stuck", "fired", $"source:{flaky.Id}"), (await Sent(bed))[1]);
        Assert.Contains("Source Flaky feed in error for more than 1d", JsonBody(server.Requests[1].Body)["subject"]);

        var later = bed.T.Time.GetUtcNow();
        await bed.Store.SourceUpdateAfterCrawl(new SourceUpdateAfterCrawlParams(flaky.Id, SourceStatus.Active, false, null, null, null, null, null, later.AddHours(1), 3600, later));
        await bed.Alerter.EvaluateAsync();
        Assert.Equal(("source-stuck", "resolved", $"source:{flaky.Id}"), (await Sent(bed))[2]);
        Assert.Equal(3, (await Sent(bed)).Count);
    }

    [Fact]
    public async Task NodeLost_HeartbeatStops_FiresOnce_ResolvedWhenNodeBeatsAgain()
    {
        var (server, bed) = await CreateAsync("""
                - name: nodes
                  kind: node_lost
                  duration: 2m
                  channels: [hook]
            """);
        await using var _ = server;
        await using var __ = bed;
        await bed.Store.NodeRegister(new NodeRegisterParams("worker-2", "1.0", bed.T.Time.GetUtcNow()));
        await bed.Alerter.EvaluateAsync();
        bed.T.Time.Advance(TimeSpan.FromMinutes(3));
        await bed.Alerter.EvaluateAsync();
        await bed.Alerter.EvaluateAsync();
        Assert.Equal([("nodes", "fired", "worker-2")], await Sent(bed));

        await bed.Store.NodeHeartbeat(new NodeHeartbeatParams("worker-2", "follower", 0, bed.T.Time.GetUtcNow()));
        await bed.Alerter.EvaluateAsync();
        Assert.Equal([("nodes", "fired", "worker-2"), ("nodes", "resolved", "worker-2")], await Sent(bed));
    }

    [Fact]
    public async Task NodeLost_LeadershipChanges_NewLeaderFiresForNodeThatVanished_NeverTwice()
    {
        var (server, bed) = await CreateAsync("""
                - name: nodes
                  kind: node_lost
                  duration: 2m
                  channels: [hook]
            """);
        await using var _ = server;
        await using var __ = bed;
        await bed.Store.NodeRegister(new NodeRegisterParams("worker-4", "1.0", bed.T.Time.GetUtcNow()));
        await bed.Alerter.EvaluateAsync();                                   // the old leader sees worker-4 beating
        await bed.Store.NodeRemove("worker-4");                              // then it vanishes (removed as stale)
        bed.T.Time.Advance(TimeSpan.FromMinutes(3));

        // A new leader, with nothing in memory, takes over: it learns worker-4 from the store.
        await using var newLeader = new Alerter(bed.T.Engine, new AlertOptions { RetryDelay = TimeSpan.Zero, AllowLoopback = true, EvaluationInterval = Timeout.InfiniteTimeSpan },
            bed.T.Time, Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance);
        await newLeader.StartAsync(CancellationToken.None);
        await newLeader.EvaluateAsync();
        await newLeader.WhenIdleAsync();
        Assert.Equal([("nodes", "fired", "worker-4")], await Sent(bed));
        Assert.Contains("has not sent a heartbeat since 2026-", JsonBody(server.Requests[0].Body)["body"]);

        // Leadership moves back and forth: the open alert is neither sent again nor forgotten.
        await bed.Alerter.EvaluateAsync();
        await newLeader.EvaluateAsync();
        await using var third = new Alerter(bed.T.Engine, new AlertOptions { RetryDelay = TimeSpan.Zero, AllowLoopback = true, EvaluationInterval = Timeout.InfiniteTimeSpan },
            bed.T.Time, Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance);
        await third.StartAsync(CancellationToken.None);
        await third.EvaluateAsync();
        Assert.Single(await Sent(bed));

        await bed.Store.NodeRegister(new NodeRegisterParams("worker-4", "1.0", bed.T.Time.GetUtcNow()));
        await third.EvaluateAsync();
        await third.WhenIdleAsync();
        Assert.Equal([("nodes", "fired", "worker-4"), ("nodes", "resolved", "worker-4")], await Sent(bed));
    }

    [Fact]
    public async Task Repeat_StillFiring_SendsAgainOnlyAfterInterval()
    {
        var (server, bed) = await CreateAsync("""
                - name: nodes
                  kind: node_lost
                  duration: 2m
                  repeat: 1h
                  channels: [hook]
            """);
        await using var _ = server;
        await using var __ = bed;
        await bed.Store.NodeRegister(new NodeRegisterParams("worker-3", "1.0", bed.T.Time.GetUtcNow()));
        bed.T.Time.Advance(TimeSpan.FromMinutes(3));
        await bed.Alerter.EvaluateAsync();
        bed.T.Time.Advance(TimeSpan.FromMinutes(30));
        await bed.Alerter.EvaluateAsync();
        Assert.Single(await Sent(bed));
        bed.T.Time.Advance(TimeSpan.FromMinutes(31));
        await bed.Alerter.EvaluateAsync();
        Assert.Equal(2, (await Sent(bed)).Count);
        Assert.Equal(3, Assert.Single(await bed.Store.AlertStateList(new AlertStateListParams("nodes", AlertStateStatus.Firing))).Count);
    }

    [Fact]
    public async Task SchedulerStopped_NoLeaderInCluster_Fires_ResolvedOnceANodeLeads()
    {
        var server = await LoopbackHttpServer.StartAsync();
        server.MapText("/hook", 204);
        await using var _ = server;
        await using var bed = await AlertBed.CreateAsync(Yaml(server, """
                - name: scheduling
                  kind: scheduler_stopped
                  duration: 5m
                  channels: [hook]
            """), engineOptions: o => o.SingleNode = false);

        await bed.Alerter.EvaluateAsync(); // nobody ever held the leadership: the lease "ended" long ago
        Assert.Equal([("scheduling", "fired", "leader")], await Sent(bed));
        Assert.Contains("no node holds the leadership", JsonBody(server.Requests[0].Body)["body"]);

        await bed.T.Engine.ClusterHeartbeatAsync();
        Assert.True(bed.T.Engine.IsLeader);
        await bed.Alerter.EvaluateAsync();
        Assert.Equal([("scheduling", "fired", "leader"), ("scheduling", "resolved", "leader")], await Sent(bed));
    }

    private static Dictionary<string, string> JsonBody(string json) =>
        System.Text.Json.Nodes.JsonNode.Parse(json)!.AsObject().Where(kv => kv.Value is System.Text.Json.Nodes.JsonValue)
            .ToDictionary(kv => kv.Key, kv => kv.Value!.ToString());
}
