using System.Text.Json.Nodes;
using Rota.Configuration;
using Rota.Storage;
using Rota.Tasks;
using Rota.TestSupport;

namespace Rota.Tests.Alerts;

/// <summary><c>stat_out_of_range</c> (seed 000's expected daily stats): a finished run's stats value outside the range
/// fires once, a later run back in range resolves; a missing value fires unless <c>missing: ignore</c>.</summary>
public sealed class AlertStatRangeTests
{
    private static string Yaml(LoopbackHttpServer server, string rules) => $"""
        alerts:
          channels:
            hook:
              type: webhook
              url: {server.Url("/hook")}
              secret: s3cret
          rules:
        {rules}
        """;

    private static Task AddAsync(AlertBed bed, string name) =>
        bed.T.Client.ApplyAsync(new TaskDefinition { Name = name, Handler = "echo-stats", Retry = new RetryPolicy(MaxAttempts: 1) });

    private static JsonObject Body(RecordedRequest r) => JsonNode.Parse(r.Body)!.AsObject();

    [Fact]
    public async Task OutOfRange_FiresOnce_NamesTaskKeyValueRange_ResolvedWhenBackInRange()
    {
        await using var server = await LoopbackHttpServer.StartAsync();
        server.MapText("/hook", 204);
        await using var bed = await AlertBed.CreateAsync(Yaml(server, """
                - name: crawler-updated
                  kind: stat_out_of_range
                  task: crawler-check
                  stat: updated_urls
                  min: 10
                  max: 100
                  channels: [hook]
            """));
        await AddAsync(bed, "crawler-check");

        await bed.RunAsync("crawler-check", new JsonObject { ["updated_urls"] = 50 });
        var low = await bed.RunAsync("crawler-check", new JsonObject { ["updated_urls"] = 3 });
        await bed.RunAsync("crawler-check", new JsonObject { ["updated_urls"] = 4 });
        var back = await bed.RunAsync("crawler-check", new JsonObject { ["updated_urls"] = 12 });

        Assert.Equal(2, server.Requests.Count);
        var fired = Body(server.Requests[0]);
        Assert.Equal(("stat_out_of_range", "fired", "crawler-check:updated_urls"), ((string?)fired["kind"], (string?)fired["state"], (string?)fired["subject_key"]));
        Assert.Equal("[Rota Alert] Task crawler-check: updated_urls = 3, expected 10..100", (string?)fired["subject"]);
        Assert.Contains($"Run {low.Id} of crawler-check reported updated_urls = 3; expected 10..100.", (string?)fired["body"]);
        var resolved = Body(server.Requests[1]);
        Assert.Equal("resolved", (string?)resolved["state"]);
        Assert.Contains($"Run {back.Id} of crawler-check reported updated_urls = 12, within 10..100 again.", (string?)resolved["body"]);
        var state = Assert.Single(await bed.Store.AlertStateList(new AlertStateListParams("crawler-updated")));
        Assert.Equal((AlertStateStatus.Resolved, 2), (state.Status, state.Count));
    }

    [Fact]
    public async Task MissingValue_FiresByDefault_IgnoredWithMissingIgnore_UpperBoundOnly()
    {
        await using var server = await LoopbackHttpServer.StartAsync();
        server.MapText("/hook", 204);
        await using var bed = await AlertBed.CreateAsync(Yaml(server, """
                - name: strict
                  kind: stat_out_of_range
                  task: airtable-sync
                  stat: new_urls
                  max: 50
                  channels: [hook]
                - name: lenient
                  kind: stat_out_of_range
                  task: airtable-sync
                  stat: status_updates
                  max: 100
                  missing: ignore
                  channels: [hook]
            """));
        await AddAsync(bed, "airtable-sync");

        await bed.RunAsync("airtable-sync", new JsonObject { ["other"] = 1 });
        await bed.RunAsync("airtable-sync", new JsonObject { ["new_urls"] = 51, ["status_updates"] = 101 });

        var bodies = server.Requests.Select(Body).ToList();
        Assert.Equal(["strict", "lenient"], bodies.Select(b => (string?)b["rule"]));
        Assert.Equal("[Rota Alert] Task airtable-sync: new_urls = missing, expected <= 50", (string?)bodies[0]["subject"]);
        Assert.Equal("[Rota Alert] Task airtable-sync: status_updates = 101, expected <= 100", (string?)bodies[1]["subject"]);
    }

    [Fact]
    public async Task PipelineStep_TaskStatsChecked()
    {
        await using var server = await LoopbackHttpServer.StartAsync();
        server.MapText("/hook", 204);
        await using var bed = await AlertBed.CreateAsync(Yaml(server, """
                - name: cataloguing-processed
                  kind: stat_out_of_range
                  task: llm-cataloguing
                  stat: processed
                  min: 50
                  max: 500
                  channels: [hook]
            """));
        var doc = ConfigLoader.Parse("""
            tasks:
              - { name: llm-cataloguing, handler: echo-stats, retry: { attempts: 1 } }
            pipelines:
              - name: daily
                steps:
                  - { name: catalogue, task: llm-cataloguing, parameters: { processed: 7 } }
            """, "yaml", "test.yaml", new HashSet<string> { "echo-stats" });
        foreach (var t in doc.Tasks) await bed.T.Client.ApplyAsync(t);
        foreach (var p in doc.Pipelines) await bed.T.Client.ApplyPipelineAsync(p, TaskOrigin.Config);

        var parent = await Pipelines.PipelineRunTests.RunToEndAsync(bed.T, (await bed.T.Client.RunPipelineAsync("daily")).RunId);
        await bed.Alerter.WhenIdleAsync();

        Assert.Equal(Runs.RunStatus.Succeeded, parent.Status);
        var body = Body(Assert.Single(server.Requests));
        Assert.Equal("[Rota Alert] Task llm-cataloguing: processed = 7, expected 50..500", (string?)body["subject"]);
    }
}
