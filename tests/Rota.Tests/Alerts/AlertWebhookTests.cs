using System.Text;
using System.Text.Json.Nodes;
using Rota.Alerts.Channels;
using Rota.Storage;
using Rota.TestSupport;

namespace Rota.Tests.Alerts;

/// <summary>Webhook and Slack channels delivering to a real loopback HTTP server.</summary>
public sealed class AlertWebhookTests
{
    private const string Secret = "s3cret-for-tests";

    private static string Yaml(LoopbackHttpServer server, string rules) => $"""
        alerts:
          channels:
            hook:
              type: webhook
              url: {server.Url("/hook")}
              secret: {Secret}
              headers: {"{"}X-Team: ops{"}"}
            chat:
              type: slack
              url: {server.Url("/slack")}
          rules:
        {rules}
        """;

    [Fact]
    public async Task RunFailed_Webhook_PostsJsonWithValidHmacSignature()
    {
        await using var server = await LoopbackHttpServer.StartAsync();
        server.MapText("/hook", 204);
        await using var bed = await AlertBed.CreateAsync(Yaml(server, """
                - name: failures
                  kind: run_failed
                  channels: [hook]
            """));
        await bed.AddTaskAsync("sync");
        bed.Queue(false);

        var run = await bed.RunAsync("sync");

        var request = Assert.Single(server.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal("ops", request.Header("X-Team"));
        var stamp = request.Header(WebhookSignature.TimestampHeader)!;
        Assert.Equal(bed.T.Time.GetUtcNow().ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture), stamp);
        // What a receiver does: HMAC-SHA256 over "{timestamp}.{raw body}" with the shared secret, constant-time compare.
        var expected = "sha256=" + Convert.ToHexStringLower(System.Security.Cryptography.HMACSHA256.HashData(
            Encoding.UTF8.GetBytes(Secret), Encoding.UTF8.GetBytes(stamp + "." + request.Body)));
        Assert.Equal(expected, request.Header(WebhookSignature.Header));
        Assert.False(WebhookSignature.Verify("wrong-secret", stamp, Encoding.UTF8.GetBytes(request.Body), request.Header(WebhookSignature.Header)!));
        var body = JsonNode.Parse(request.Body)!;
        Assert.Equal(("failures", "run_failed", "fired", "sync"), ((string?)body["rule"], (string?)body["kind"], (string?)body["state"], (string?)body["subject_key"]));
        Assert.Equal("[Rota Alert] Task sync failed", (string?)body["subject"]);
        Assert.Equal(run.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), (string?)body["values"]!["run_id"]);
        Assert.Equal(AlertDeliveryValues.Sent, Assert.Single(await bed.DeliveriesAsync()).Status);
    }

    [Fact]
    public async Task ConsecutiveFailures_Slack_PostsTextAndBlocksOnceAtThreshold()
    {
        await using var server = await LoopbackHttpServer.StartAsync();
        server.MapText("/slack", 200, "ok");
        await using var bed = await AlertBed.CreateAsync(Yaml(server, """
                - name: streak
                  kind: consecutive_failures
                  count: 3
                  channels: [chat]
            """));
        await bed.AddTaskAsync("backup");
        bed.Queue(false, false, false, false);

        for (var i = 0; i < 2; i++) await bed.RunAsync("backup");
        Assert.Empty(server.Requests);
        await bed.RunAsync("backup");
        await bed.RunAsync("backup");

        var request = Assert.Single(server.Requests);
        var payload = JsonNode.Parse(request.Body)!;
        Assert.StartsWith("[Rota Alert] Task backup failed 3 times in a row\n", (string?)payload["text"]);
        var blocks = payload["blocks"]!.AsArray();
        Assert.Equal(("header", "plain_text", "[Rota Alert] Task backup failed 3 times in a row"),
            ((string?)blocks[0]!["type"], (string?)blocks[0]!["text"]!["type"], (string?)blocks[0]!["text"]!["text"]));
        Assert.Equal(("section", "mrkdwn"), ((string?)blocks[1]!["type"], (string?)blocks[1]!["text"]!["type"]));
        Assert.Contains("The last 3 runs of backup failed", (string?)blocks[1]!["text"]!["text"]);
    }

    [Fact]
    public async Task Webhook500_RetriedWithBackoffThenRecordedFailed_RunsKeepRunning()
    {
        await using var server = await LoopbackHttpServer.StartAsync();
        server.MapText("/hook", 500, "receiver broken");
        await using var bed = await AlertBed.CreateAsync(Yaml(server, """
                - name: failures
                  kind: run_failed
                  channels: [hook]
            """));
        await bed.AddTaskAsync("sync");
        bed.Queue(false, true);

        await bed.RunAsync("sync");
        var next = await bed.RunAsync("sync");

        Assert.Equal(Runs.RunStatus.Succeeded, next.Status);
        var deliveries = await bed.DeliveriesAsync();
        Assert.Equal([("fired", "failed", 3), ("resolved", "failed", 3)], deliveries.Select(d => (d.Kind, d.Status, d.Attempts)));
        Assert.Contains("answered 500", deliveries[0].LastError);
        Assert.Contains("receiver broken", deliveries[0].LastError);
        Assert.Equal(6, server.Requests.Count);
    }

    [Fact]
    public async Task Webhook_PrivateAddressWithoutLoopbackAllowance_RefusedBySsrfGuard()
    {
        await using var server = await LoopbackHttpServer.StartAsync();
        server.MapText("/hook", 204);
        await using var bed = await AlertBed.CreateAsync(Yaml(server, "    []"), o => o.AllowLoopback = false);

        var delivery = await bed.Alerter.TestChannelAsync("hook");

        Assert.Equal(AlertDeliveryValues.Failed, delivery.Status);
        Assert.Contains("127.0.0.1", delivery.LastError);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public void Backoff_Doubles()
    {
        var options = new Rota.Alerts.AlertOptions { RetryDelay = TimeSpan.FromSeconds(2) };
        Assert.Equal([TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(8)], [options.Backoff(1), options.Backoff(2), options.Backoff(3)]);
    }
}
