using System.Diagnostics;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Rota.Alerts;
using Rota.Configuration;
using Rota.Storage.Postgres;
using Rota.TestSupport;

namespace Rota.Storage.Tests;

/// <summary><c>store_unreachable</c> against a real outage: the engine's own PostgreSQL server is stopped, the alert
/// goes out while the store is down (its outcome kept in memory), and once the store is back both the fired and the
/// resolved deliveries are recorded, in that order, the fired one with the time it was sent.</summary>
public sealed class PostgresStoreUnreachableAlertTests
{
    [Fact]
    public async Task ServerStopped_FiredWhileDown_ResolvedAndRecordedWhenBack()
    {
        await using var receiver = await LoopbackHttpServer.StartAsync();
        receiver.MapText("/hook", 204);
        await using var server = await PostgresServer.CreateAsync();
        await using var store = await PostgresStore.OpenAsync(server.ConnectionString);
        var time = TimeProvider.System;
        await store.MigrationUp(new MigrationUpParams(time.GetUtcNow()));
        var doc = ConfigLoader.Parse($"""
            alerts:
              channels:
                hook: {"{"}type: webhook, url: "{receiver.Url("/hook")}"{"}"}
              rules:
                - name: store-down
                  kind: store_unreachable
                  duration: 1s
                  channels: [hook]
            """, "yaml", "rota.yaml", new HashSet<string>());
        await store.AlertConfigSet(new AlertConfigSetParams(AlertConfigJson.Serialize(doc.Alerts!), time.GetUtcNow()));
        var options = new RotaOptions
        {
            NodeName = "solo", ShutdownGrace = TimeSpan.FromSeconds(2),
            PollInterval = TimeSpan.FromMilliseconds(200), HeartbeatInterval = TimeSpan.FromMilliseconds(500), LeaseDuration = TimeSpan.FromSeconds(20),
        };
        await using var engine = new RotaEngine(store, options, time, new ServiceCollection().AddSingleton(time).BuildServiceProvider(), NullLoggerFactory.Instance);
        await using var alerter = new Alerter(engine, new AlertOptions { EvaluationInterval = Timeout.InfiniteTimeSpan, RetryDelay = TimeSpan.Zero, AllowLoopback = true },
            time, NullLoggerFactory.Instance);
        await engine.StartAsync(CancellationToken.None);
        await alerter.StartAsync(CancellationToken.None);

        await server.StopAsync();
        await WaitFor(() => engine.Health.DownSince is { } since && time.GetUtcNow() - since > TimeSpan.FromSeconds(1), "the engine to see the store down for 1 s");
        await alerter.EvaluateAsync();
        await alerter.WhenIdleAsync();
        var fired = JsonNode.Parse(Assert.Single(receiver.Requests).Body)!;
        Assert.Equal(("store-down", "fired", "solo"), ((string?)fired["rule"], (string?)fired["state"], (string?)fired["subject_key"]));
        Assert.Equal("[Rota Alert] Store unreachable from node solo", (string?)fired["subject"]);
        Assert.Equal(1, alerter.UnrecordedDeliveries);
        var firedAt = time.GetUtcNow();

        await server.StartAsync();
        await WaitFor(() => !engine.Health.IsDown, "the engine to reach the store again");
        await alerter.EvaluateAsync();
        await alerter.EvaluateAsync();
        await alerter.WhenIdleAsync();
        Assert.Equal(2, receiver.Requests.Count);
        Assert.Equal("resolved", (string?)JsonNode.Parse(receiver.Requests[1].Body)!["state"]);
        var recorded = (await store.AlertDeliveryList(new AlertDeliveryListParams(Rule: "store-down"))).Reverse().ToList();
        Assert.Equal([(AlertDeliveryValues.Fired, AlertDeliveryValues.Sent, 1), (AlertDeliveryValues.Resolved, AlertDeliveryValues.Sent, 1)],
            recorded.Select(d => (d.Kind, d.Status, d.Attempts)));
        Assert.True(recorded[0].CreatedAt <= firedAt && recorded[0].SentAt <= firedAt, "the fired delivery keeps the time it was sent");
        Assert.Equal(0, alerter.UnrecordedDeliveries);
        await alerter.StopAsync(CancellationToken.None);
        await engine.StopAsync(CancellationToken.None);
    }

    private static async Task WaitFor(Func<bool> condition, string what)
    {
        var sw = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(sw.Elapsed < TimeSpan.FromSeconds(40), $"timed out waiting for {what}");
            await Task.Delay(100);
        }
    }
}
