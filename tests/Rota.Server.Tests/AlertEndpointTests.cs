using System.Net;
using Rota.TestSupport;

namespace Rota.Server.Tests;

public sealed class AlertEndpointTests
{
    [Fact]
    public async Task PutThenGet_SecretsRedacted_TestSendRecordedAndListed()
    {
        await using var receiver = await LoopbackHttpServer.StartAsync();
        receiver.MapText("/hook", 204);
        await using var s = await TestServer.StartAsync();
        var config = $$$"""
            {"channels": {"hook": {"type": "webhook", "url": "{{{receiver.Url("/hook")}}}", "secret": "top-secret"},
                          "chat": {"type": "slack", "url": "https://hooks.slack.com/services/T0/B0/XYZ"}},
             "rules": [{"name": "failures", "kind": "run_failed", "channels": ["hook", "chat"], "repeat": "1h"}]}
            """;

        var put = await (await s.Admin.SendAsync(HttpMethod.Put, "/api/v1/alerts", config)).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("***", put.GetProperty("channels").GetProperty("hook").Str("secret"));
        var got = await s.Admin.GetJsonAsync("/api/v1/alerts");
        Assert.Equal("https://hooks.slack.com/***", got.GetProperty("channels").GetProperty("chat").Str("url"));
        var rule = got.GetProperty("rules").EnumerateArray().Single();
        Assert.Equal(("failures", "run_failed", "1h", 0), (rule.Str("name"), rule.Str("kind"), rule.Str("repeat"), rule.GetProperty("firing").GetInt32()));
        Assert.Equal(0, rule.GetProperty("states").GetArrayLength());
        Assert.DoesNotContain("top-secret", got.GetRawText());

        var sent = await (await s.Admin.PostJsonAsync("/api/v1/alerts/channels/hook/test")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(("test", "sent", 1), (sent.Str("kind"), sent.Str("status"), sent.GetProperty("attempts").GetInt32()));
        Assert.NotNull(Assert.Single(receiver.Requests).Header("X-Rota-Signature"));
        var listed = (await s.Admin.GetJsonAsync("/api/v1/alerts/deliveries?channel=hook&status=sent")).GetProperty("deliveries").EnumerateArray().Single();
        Assert.Equal(sent.Long("id"), listed.Long("id"));
        using var forbidden = await s.Alice.SendAsync(HttpMethod.Get, "/api/v1/alerts/deliveries");
        await forbidden.ProblemAsync(403, "auth.forbidden");
    }

    [Fact]
    public async Task Put_SeveralProblems_AllListedAndNothingStored()
    {
        await using var s = await TestServer.StartAsync();
        using var response = await s.Admin.SendAsync(HttpMethod.Put, "/api/v1/alerts", """
            {"channels": {"mail": {"type": "email", "host": "smtp.example.org", "to": ["x"]}},
             "rules": [{"name": "r", "kind": "run_faild", "channels": ["pager"]}]}
            """);
        var problem = await response.ProblemAsync(422, "request.validation_failed");
        var fields = problem.GetProperty("errors").EnumerateArray().Select(e => e.Str("field")).ToList();
        Assert.Equal(["channels.mail.from", "channels.mail.to[0]", "rules[0].kind", "rules[0].channels[0]"], fields);
        Assert.Equal(0, (await s.Admin.GetJsonAsync("/api/v1/alerts")).GetProperty("rules").GetArrayLength());
    }

    [Fact]
    public async Task Put_StatRangeAndCrawlCompletedRules_StoredAndShown()
    {
        await using var s = await TestServer.StartAsync();
        var put = await (await s.Admin.SendAsync(HttpMethod.Put, "/api/v1/alerts", """
            {"channels": {"chat": {"type": "slack", "url": "https://hooks.slack.com/services/T0/B0/XYZ"}},
             "rules": [{"name": "new-urls", "kind": "stat_out_of_range", "task": "airtable-sync", "stat": "new_urls", "min": 0, "max": 50, "channels": ["chat"]},
                       {"name": "crawl-done", "kind": "crawl_completed", "task": "daily-crawl", "channels": ["chat"]}]}
            """)).JsonAsync(HttpStatusCode.OK);

        var rules = (await s.Admin.GetJsonAsync("/api/v1/alerts")).GetProperty("rules").EnumerateArray().ToList();
        Assert.Equal(("new-urls", "stat_out_of_range", "airtable-sync", "new_urls", 0d, 50d),
            (rules[0].Str("name"), rules[0].Str("kind"), rules[0].Str("task"), rules[0].Str("stat"), rules[0].GetProperty("min").GetDouble(), rules[0].GetProperty("max").GetDouble()));
        Assert.Equal(("crawl-done", "crawl_completed"), (rules[1].Str("name"), rules[1].Str("kind")));
        Assert.Equal(2, put.GetProperty("rules").GetArrayLength());
    }
}
