using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Rota.Server.Tests;

/// <summary>Every mapped endpoint × every identity → the expected status. A new endpoint without an entry fails the test.</summary>
public sealed class AuthorizationMatrixTests
{
    /// <summary>Who may call: anyone (no token needed), any signed-in user, the owner of the target (alice; others get 404)
    /// and admins, or admins only (users get 403).</summary>
    private enum Access { Public, AnyUser, Owned, AdminOnly }

    private sealed record Case(Access Access, int Success, Func<TestServer, string, Task<HttpRequestMessage>> Build);

    private static int _counter;

    private static string Unique(string prefix) => $"{prefix}-{Interlocked.Increment(ref _counter)}";

    private static HttpRequestMessage Req(HttpMethod m, string path, string? json = null) =>
        new(m, path) { Content = json is null ? null : new StringContent(json, Encoding.UTF8, "application/json") };

    private static Task<HttpRequestMessage> R(HttpMethod m, string path, string? json = null) => Task.FromResult(Req(m, path, json));

    private static async Task<string> AliceTask(TestServer s, string handler = "noop") => (await s.CreateTaskAsync(Unique("alice-task"), "alice", handler)).Definition.Name;

    private static async Task<string> AlicePipeline(TestServer s) =>
        (await s.Engine.Client.ApplyPipelineAsync(new Pipelines.PipelineDefinition
        {
            Name = Unique("alice-pipe"), Owner = "alice", Steps = [new Pipelines.PipelineStep { Name = "only", Handler = "noop" }],
        }, Tasks.TaskOrigin.Api)).Name;

    private static async Task<long> AliceQueuedRun(TestServer s) => await s.ScheduleRunAsync(await AliceTask(s));

    // A channel nothing listens on: a test-send answers 200 with the failed delivery.
    private const string AlertsJson = """{"channels":{"matrix":{"type":"webhook","url":"http://127.0.0.1:9/hook"}},"rules":[{"name":"f","kind":"run_failed","channels":["matrix"]}]}""";

    private static readonly Dictionary<string, Case> Matrix = new()
    {
        ["GET /healthz"] = new(Access.Public, 200, (_, _) => R(HttpMethod.Get, "/healthz")),
        ["GET /readyz"] = new(Access.Public, 200, (_, _) => R(HttpMethod.Get, "/readyz")),
        ["GET /api/openapi/{documentName}.json"] = new(Access.Public, 200, (_, _) => R(HttpMethod.Get, "/api/openapi/v1.json")),

        ["GET /api/v1/tasks"] = new(Access.AnyUser, 200, (_, _) => R(HttpMethod.Get, "/api/v1/tasks")),
        ["POST /api/v1/tasks"] = new(Access.AnyUser, 201, (_, who) => R(HttpMethod.Post, "/api/v1/tasks", $$"""{"name":"{{Unique("new-" + who)}}","handler":"noop"}""")),
        ["GET /api/v1/tasks/{name}"] = new(Access.Owned, 200, async (s, _) => Req(HttpMethod.Get, $"/api/v1/tasks/{await AliceTask(s)}")),
        ["PUT /api/v1/tasks/{name}"] = new(Access.Owned, 200, async (s, _) => Req(HttpMethod.Put, $"/api/v1/tasks/{await AliceTask(s)}", """{"handler":"noop","description":"replaced"}""")),
        ["DELETE /api/v1/tasks/{name}"] = new(Access.Owned, 204, async (s, _) => Req(HttpMethod.Delete, $"/api/v1/tasks/{await AliceTask(s)}")),
        ["POST /api/v1/tasks/{name}/enable"] = new(Access.Owned, 200, async (s, _) => Req(HttpMethod.Post, $"/api/v1/tasks/{await AliceTask(s)}/enable")),
        ["POST /api/v1/tasks/{name}/disable"] = new(Access.Owned, 200, async (s, _) => Req(HttpMethod.Post, $"/api/v1/tasks/{await AliceTask(s)}/disable", """{"reason":"matrix"}""")),
        ["POST /api/v1/tasks/{name}/runs"] = new(Access.Owned, 202, async (s, _) =>
            Req(HttpMethod.Post, $"/api/v1/tasks/{await AliceTask(s)}/runs", $$"""{"run_at":"{{TimeProvider.System.GetUtcNow().AddHours(1):O}}"}""")),
        ["GET /api/v1/pipelines"] = new(Access.AnyUser, 200, (_, _) => R(HttpMethod.Get, "/api/v1/pipelines")),
        ["POST /api/v1/pipelines"] = new(Access.AnyUser, 201, (_, who) =>
            R(HttpMethod.Post, "/api/v1/pipelines", $$"""{"name":"{{Unique("pipe-" + who)}}","steps":[{"name":"a","handler":"noop"}]}""")),
        ["GET /api/v1/pipelines/{name}"] = new(Access.Owned, 200, async (s, _) => Req(HttpMethod.Get, $"/api/v1/pipelines/{await AlicePipeline(s)}")),
        ["PUT /api/v1/pipelines/{name}"] = new(Access.Owned, 200, async (s, _) =>
            Req(HttpMethod.Put, $"/api/v1/pipelines/{await AlicePipeline(s)}", """{"steps":[{"name":"b","handler":"noop"}]}""")),
        ["DELETE /api/v1/pipelines/{name}"] = new(Access.Owned, 204, async (s, _) => Req(HttpMethod.Delete, $"/api/v1/pipelines/{await AlicePipeline(s)}")),
        ["POST /api/v1/pipelines/{name}/run"] = new(Access.Owned, 202, async (s, _) => Req(HttpMethod.Post, $"/api/v1/pipelines/{await AlicePipeline(s)}/run", "{}")),
        ["GET /api/v1/pipelines/{name}/runs"] = new(Access.Owned, 200, async (s, _) => Req(HttpMethod.Get, $"/api/v1/pipelines/{await AlicePipeline(s)}/runs")),
        ["GET /api/v1/tasks/{name}/next"] = new(Access.Owned, 200, async (s, _) => Req(HttpMethod.Get, $"/api/v1/tasks/{await AliceTask(s)}/next")),
        ["GET /api/v1/tasks/{name}/definition"] = new(Access.Owned, 200, async (s, _) => Req(HttpMethod.Get, $"/api/v1/tasks/{await AliceTask(s)}/definition")),

        ["GET /api/v1/runs"] = new(Access.AnyUser, 200, (_, _) => R(HttpMethod.Get, "/api/v1/runs")),
        ["GET /api/v1/runs/{id:long}"] = new(Access.Owned, 200, async (s, _) => Req(HttpMethod.Get, $"/api/v1/runs/{await AliceQueuedRun(s)}")),
        ["GET /api/v1/runs/{id:long}/logs"] = new(Access.Owned, 200, async (s, _) => Req(HttpMethod.Get, $"/api/v1/runs/{await AliceQueuedRun(s)}/logs")),
        ["POST /api/v1/runs/{id:long}/cancel"] = new(Access.Owned, 202, async (s, _) => Req(HttpMethod.Post, $"/api/v1/runs/{await AliceQueuedRun(s)}/cancel")),
        ["POST /api/v1/runs/{id:long}/retry"] = new(Access.Owned, 202, async (s, _) => Req(HttpMethod.Post, $"/api/v1/runs/{(await s.RunToEndAsync(await AliceTask(s))).Id}/retry")),

        ["GET /api/v1/queues"] = new(Access.AnyUser, 200, (_, _) => R(HttpMethod.Get, "/api/v1/queues")),
        ["POST /api/v1/queues/{name}/pause"] = new(Access.AdminOnly, 200, async (s, _) => Req(HttpMethod.Post, $"/api/v1/queues/{await Queue(s)}/pause")),
        ["POST /api/v1/queues/{name}/resume"] = new(Access.AdminOnly, 200, async (s, _) => Req(HttpMethod.Post, $"/api/v1/queues/{await Queue(s)}/resume")),
        ["PUT /api/v1/queues/{name}"] = new(Access.AdminOnly, 200, (_, _) => R(HttpMethod.Put, $"/api/v1/queues/{Unique("q")}", """{"concurrency":3}""")),
        ["GET /api/v1/nodes"] = new(Access.AnyUser, 200, (_, _) => R(HttpMethod.Get, "/api/v1/nodes")),

        ["GET /api/v1/users/me"] = new(Access.AnyUser, 200, (_, _) => R(HttpMethod.Get, "/api/v1/users/me")),
        ["GET /api/v1/users"] = new(Access.AdminOnly, 200, (_, _) => R(HttpMethod.Get, "/api/v1/users")),
        ["POST /api/v1/users"] = new(Access.AdminOnly, 201, (_, _) => R(HttpMethod.Post, "/api/v1/users", $$"""{"name":"{{Unique("user")}}"}""")),
        ["PATCH /api/v1/users/{id:long}"] = new(Access.AdminOnly, 200, async (s, _) =>
            Req(HttpMethod.Patch, $"/api/v1/users/{(await s.Accounts.CreateAsync(Unique("u"), "user", null, default)).Id}", """{"disabled":true}""")),
        ["GET /api/v1/tokens"] = new(Access.AnyUser, 200, (_, _) => R(HttpMethod.Get, "/api/v1/tokens")),
        ["POST /api/v1/tokens"] = new(Access.AnyUser, 201, (_, _) => R(HttpMethod.Post, "/api/v1/tokens", """{"name":"matrix"}""")),
        ["DELETE /api/v1/tokens/{id:long}"] = new(Access.Owned, 204, async (s, _) =>
            Req(HttpMethod.Delete, $"/api/v1/tokens/{(await s.Accounts.CreateTokenAsync((await s.Store.UserGet("alice"))!, Unique("tok"), null, default)).Row.Id}")),
        ["GET /api/v1/alerts"] = new(Access.AdminOnly, 200, (_, _) => R(HttpMethod.Get, "/api/v1/alerts")),
        ["PUT /api/v1/alerts"] = new(Access.AdminOnly, 200, (_, _) => R(HttpMethod.Put, "/api/v1/alerts", AlertsJson)),
        ["GET /api/v1/alerts/deliveries"] = new(Access.AdminOnly, 200, (_, _) => R(HttpMethod.Get, "/api/v1/alerts/deliveries?status=failed")),
        ["POST /api/v1/alerts/channels/{name}/test"] = new(Access.AdminOnly, 200, async (s, _) =>
        {
            await s.Store.AlertConfigSet(new Rota.Storage.AlertConfigSetParams(AlertsJson, DateTimeOffset.UnixEpoch));
            return Req(HttpMethod.Post, "/api/v1/alerts/channels/matrix/test");
        }),
        ["GET /api/v1/audit"] = new(Access.AdminOnly, 200, (_, _) => R(HttpMethod.Get, "/api/v1/audit")),
        ["GET /api/v1/cron/explain"] = new(Access.AnyUser, 200, (_, _) => R(HttpMethod.Get, "/api/v1/cron/explain?expression=0%202%20*%20*%20*")),
        ["GET /api/v1/cron/next"] = new(Access.AnyUser, 200, (_, _) => R(HttpMethod.Get, "/api/v1/cron/next?expression=0%202%20*%20*%20*&time_zone=Europe/London")),
        ["GET /api/v1/events"] = new(Access.AnyUser, 200, (_, _) => R(HttpMethod.Get, "/api/v1/events")),
        ["GET /api/v1/stats"] = new(Access.AnyUser, 200, (_, _) => R(HttpMethod.Get, "/api/v1/stats")),
        ["GET /metrics"] = new(Access.Public, 200, (_, _) => R(HttpMethod.Get, "/metrics")),

        ["GET /api/v1/scheduler/tasks"] = new(Access.AdminOnly, 200, (_, _) => R(HttpMethod.Get, "/api/v1/scheduler/tasks")),
        ["POST /api/v1/scheduler/tasks/{id:long}/toggle"] = new(Access.AdminOnly, 200, async (s, _) =>
            Req(HttpMethod.Post, $"/api/v1/scheduler/tasks/{(await s.Store.TaskGet(await AliceTask(s)))!.Id}/toggle")),
        ["POST /api/v1/scheduler/tasks/{name}/run"] = new(Access.AdminOnly, 202, async (s, _) => Req(HttpMethod.Post, $"/api/v1/scheduler/tasks/{await AliceTask(s)}/run")),
        ["GET /api/v1/scheduler/runs"] = new(Access.AdminOnly, 200, (_, _) => R(HttpMethod.Get, "/api/v1/scheduler/runs")),
        ["GET /api/v1/scheduler/stats"] = new(Access.AdminOnly, 200, (_, _) => R(HttpMethod.Get, "/api/v1/scheduler/stats")),

        ["GET /api/v1/tasks/scheduler/status"] = new(Access.AnyUser, 200, (_, _) => R(HttpMethod.Get, "/api/v1/tasks/scheduler/status")),
        ["GET /api/v1/tasks/worker/status"] = new(Access.AnyUser, 200, (_, _) => R(HttpMethod.Get, "/api/v1/tasks/worker/status")),
        ["POST /api/v1/tasks/sync"] = new(Access.AdminOnly, 202, async (s, _) => Req(HttpMethod.Post, await OnDemand(s, "sync"), """{"backfill_days":1}""")),
        ["POST /api/v1/tasks/analyze"] = new(Access.AdminOnly, 202, async (s, _) => Req(HttpMethod.Post, await OnDemand(s, "analyze"), """{"batch_size":10}""")),
        ["POST /api/v1/tasks/pipeline"] = new(Access.AdminOnly, 202, async (s, _) => Req(HttpMethod.Post, await OnDemand(s, "pipeline"), "{}")),
        ["GET /api/v1/sources"] = new(Access.AnyUser, 200, (_, _) => R(HttpMethod.Get, "/api/v1/sources")),
        ["POST /api/v1/sources"] = new(Access.AnyUser, 201, (_, who) => R(HttpMethod.Post, "/api/v1/sources", $$"""{"input":"r/{{Unique("sub" + who).Replace('-', '_')}}"}""")),
        ["GET /api/v1/sources/{id:long}"] = new(Access.Owned, 200, async (s, _) => Req(HttpMethod.Get, $"/api/v1/sources/{await AliceSource(s)}")),
        ["PATCH /api/v1/sources/{id:long}"] = new(Access.Owned, 200, async (s, _) => Req(HttpMethod.Patch, $"/api/v1/sources/{await AliceSource(s)}", """{"rules":{"max_items":5}}""")),
        ["PUT /api/v1/sources/{id:long}/rules"] = new(Access.Owned, 200, async (s, _) => Req(HttpMethod.Put, $"/api/v1/sources/{await AliceSource(s)}/rules", """{"min_quality":20}""")),
        ["DELETE /api/v1/sources/{id:long}"] = new(Access.Owned, 204, async (s, _) => Req(HttpMethod.Delete, $"/api/v1/sources/{await AliceSource(s)}")),
        ["POST /api/v1/sources/{id:long}/crawl"] = new(Access.Owned, 200, async (s, _) => Req(HttpMethod.Post, $"/api/v1/sources/{await AliceSource(s)}/crawl")),
        ["GET /api/v1/sources/{id:long}/items"] = new(Access.Owned, 200, async (s, _) => Req(HttpMethod.Get, $"/api/v1/sources/{await AliceSource(s)}/items")),
        ["GET /api/v1/sources/{id:long}/schedule"] = new(Access.Owned, 200, async (s, _) => Req(HttpMethod.Get, $"/api/v1/sources/{await AliceSource(s)}/schedule")),
        ["PUT /api/v1/sources/{id:long}/schedule"] = new(Access.Owned, 200, async (s, _) => Req(HttpMethod.Put, $"/api/v1/sources/{await AliceSource(s)}/schedule", """{"mode":"predictive"}""")),
        ["POST /api/v1/crawl/trigger"] = new(Access.AnyUser, 200, (_, _) => R(HttpMethod.Post, "/api/v1/crawl/trigger")),
        ["GET /api/v1/crawl/logs"] = new(Access.AnyUser, 200, (_, _) => R(HttpMethod.Get, "/api/v1/crawl/logs")),
        ["GET /api/v1/crawl/stats"] = new(Access.AnyUser, 200, (_, _) => R(HttpMethod.Get, "/api/v1/crawl/stats")),
        ["GET /api/v1/crawl/status"] = new(Access.AnyUser, 200, (_, _) => R(HttpMethod.Get, "/api/v1/crawl/status")),
    };

    /// <summary>A source of alice's whose feed is on a refused (private) address: crawling it fails at once, without network.
    /// Each on its own host, so the crawler's one-request-per-second-per-host limit never makes a test wait.</summary>
    private static async Task<long> AliceSource(TestServer s)
    {
        var n = Interlocked.Increment(ref _counter);
        var url = $"http://10.255.{n / 250}.{n % 250 + 1}:9/feed.xml";
        return (await s.Store.SourceUpsert(new Storage.SourceUpsertParams("alice", "feed", "feed", url, url, url, 3600, TimeProvider.System.GetUtcNow()))).Id;
    }

    /// <summary>The route of seed 002's on-demand <paramref name="action"/>, once its task exists and no on-demand run is
    /// still active (only one may be at a time).</summary>
    private static async Task<string> OnDemand(TestServer s, string action)
    {
        string[] names = ["sync", "analyze", "pipeline"];
        foreach (var name in names)
            if (await s.Store.TaskGet(name) is null) await s.CreateTaskAsync(name, null);
        var deadline = TimeProvider.System.GetUtcNow().AddSeconds(20);
        foreach (var name in names)
        {
            var task = (await s.Store.TaskGet(name))!;
            while ((await s.Store.RunActiveList(new Storage.RunActiveListParams(task.Id))).Count > 0 && TimeProvider.System.GetUtcNow() < deadline)
                await Task.Delay(20, Http.Ct);
        }
        return $"/api/v1/tasks/{action}";
    }

    private static async Task<string> Queue(TestServer s)
    {
        var name = Unique("q");
        await s.Store.QueueUpsert(new Storage.QueueUpsertParams(name, 2));
        return name;
    }

    private static (int Status, string? Code) Expected(Case c, Identity who) => (c.Access, who) switch
    {
        (Access.Public, _) => (c.Success, null),
        (_, Identity.Anonymous) => (401, "auth.missing_token"),
        (_, Identity.Expired) => (401, "auth.token_expired"),
        (_, Identity.Revoked) => (401, "auth.token_revoked"),
        (_, Identity.Garbage) => (401, "auth.invalid_token"),
        (Access.AdminOnly, Identity.Alice or Identity.Bob) => (403, "auth.forbidden"),
        (Access.Owned, Identity.Bob) => (404, null),
        _ => (c.Success, null),
    };

    /// <summary>The bearer-token surface: /api, health and metrics. The dashboard's cookie pages (/, /tasks, /ui/…) have
    /// their own sign-in and are covered by tests/Rota.Dashboard.Tests.</summary>
    private static bool IsApiSurface(string key)
    {
        var path = key[(key.IndexOf(' ', StringComparison.Ordinal) + 1)..];
        return path.StartsWith("/api/", StringComparison.Ordinal) || path is "/healthz" or "/readyz" or "/metrics";
    }

    [Fact]
    public async Task EveryEndpoint_EveryIdentity_ExpectedStatus()
    {
        await using var s = await TestServer.StartAsync();
        var mapped = s.App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(e => $"{(e.Metadata.GetMetadata<IHttpMethodMetadata>() is { } m ? string.Join(",", m.HttpMethods) : "*")} /{e.RoutePattern.RawText!.Trim('/')}")
            .Where(IsApiSurface)
            .ToHashSet();
        Assert.True(mapped.SetEquals(Matrix.Keys), "endpoints without a matrix entry: " + string.Join("; ", mapped.Except(Matrix.Keys))
            + " | matrix entries without an endpoint: " + string.Join("; ", Matrix.Keys.Except(mapped)));

        var failures = new List<string>();
        foreach (var (key, c) in Matrix)
        {
            foreach (var who in Enum.GetValues<Identity>())
            {
                using var request = await c.Build(s, who.ToString().ToLowerInvariant());
                if (who != Identity.Anonymous) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", s.Secrets[who]);
                using var response = await s.Anonymous.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, Http.Ct);
                var (status, code) = Expected(c, who);
                var body = response.Content.Headers.ContentType?.MediaType == "text/event-stream" ? "(stream)" : await response.Content.ReadAsStringAsync(Http.Ct);
                if ((int)response.StatusCode != status) { failures.Add($"{key} as {who}: expected {status}, got {(int)response.StatusCode} {body}"); continue; }
                if (status >= 400 && response.Content.Headers.ContentType?.MediaType != "application/problem+json")
                    failures.Add($"{key} as {who}: {status} without problem+json");
                if (code is not null && JsonDocument.Parse(body).RootElement.GetProperty("code").GetString() != code)
                    failures.Add($"{key} as {who}: expected code {code}, got {body}");
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }
}
