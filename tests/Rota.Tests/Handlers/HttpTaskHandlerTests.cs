using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Rota.Execution;
using Rota.Handlers;
using Rota.Tasks;
using Rota.TestSupport;

namespace Rota.Tests.Handlers;

/// <summary>The <c>http</c> handler against a real Kestrel server on 127.0.0.1.</summary>
public sealed class HttpTaskHandlerTests
{
    private static readonly HttpTaskClients Clients = new();
    private static readonly HttpTaskHandler Handler = new(Clients, Options.Create(new RotaOptions()));

    private static TaskContext Context(JsonObject parameters, TaskOrigin origin = TaskOrigin.Config, CancellationToken ct = default, TimeProvider? time = null) =>
        TaskContext.ForTest(new TaskDefinition { Name = "call", Handler = "http", Origin = origin }, parameters, time: time, cancellation: ct);

    private static async Task<FailedOutcome> Fails(JsonObject parameters, string code, bool transient, HttpTaskHandler? handler = null, TaskOrigin origin = TaskOrigin.Config)
    {
        var outcome = Assert.IsType<FailedOutcome>(await (handler ?? Handler).ExecuteAsync(Context(parameters, origin)));
        Assert.Equal((code, transient), (outcome.Error.Type, outcome.Error.IsTransient));
        return outcome;
    }

    [Fact]
    public async Task Execute_Get_SucceedsWithStatsAndBody()
    {
        await using var server = await LoopbackHttpServer.StartAsync();
        server.MapText("/hello", 200, "hi there");
        var outcome = Assert.IsType<SucceededOutcome>(await Handler.ExecuteAsync(Context(new JsonObject { ["url"] = server.Url("/hello?x=1") })));
        var stats = outcome.Stats!;
        Assert.Equal(200, stats["status"]!.GetValue<int>());
        Assert.Equal(8, stats["response_bytes"]!.GetValue<int>());
        Assert.Equal("text/plain; charset=utf-8", stats["content_type"]!.GetValue<string>());
        Assert.Equal("hi there", stats["body"]!.GetValue<string>());
        Assert.False(stats["truncated"]!.GetValue<bool>());
        Assert.True(stats["duration_ms"]!.GetValue<long>() >= 0);
        var request = Assert.Single(server.Requests);
        Assert.Equal(("GET", "/hello?x=1"), (request.Method, request.PathAndQuery));
        Assert.StartsWith("Rota", request.Header("User-Agent"));
    }

    [Fact]
    public async Task Execute_PostWithHeadersAndJson_ServerReceivesThem()
    {
        await using var server = await LoopbackHttpServer.StartAsync();
        server.MapText("/hook", 201, """{"ok":true}""", "application/json");
        var outcome = await Handler.ExecuteAsync(Context(new JsonObject
        {
            ["url"] = server.Url("/hook"),
            ["method"] = "post",
            ["headers"] = new JsonObject { ["X-Token"] = "abc", ["Accept"] = "application/json" },
            ["json"] = new JsonObject { ["event"] = "ping", ["n"] = 2 },
        }));
        Assert.Equal("""{"ok":true}""", Assert.IsType<SucceededOutcome>(outcome).Stats!["body"]!.GetValue<string>());
        var request = Assert.Single(server.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal("abc", request.Header("X-Token"));
        Assert.Equal("application/json", request.Header("Accept"));
        Assert.Equal("application/json; charset=utf-8", request.Header("Content-Type"));
        Assert.Equal("""{"event":"ping","n":2}""", request.Body);
    }

    [Fact]
    public async Task Execute_BodyWithContentType_IsSentAsGiven()
    {
        await using var server = await LoopbackHttpServer.StartAsync();
        server.MapText("/put", 204);
        Assert.IsType<SucceededOutcome>(await Handler.ExecuteAsync(Context(new JsonObject
        {
            ["url"] = server.Url("/put"), ["method"] = "PUT", ["body"] = "a=1&b=2", ["content_type"] = "application/x-www-form-urlencoded",
        })));
        var request = Assert.Single(server.Requests);
        Assert.Equal(("PUT", "a=1&b=2", "application/x-www-form-urlencoded"), (request.Method, request.Body, request.Header("Content-Type")));
    }

    [Fact]
    public async Task Execute_NotFound_FailsPermanentlyWithStats()
    {
        await using var server = await LoopbackHttpServer.StartAsync();
        var outcome = await Fails(new JsonObject { ["url"] = server.Url("/missing") }, "http.unexpected_status", transient: false);
        Assert.Contains("returned 404", outcome.Error.Message);
        Assert.Contains("expected 200-299", outcome.Error.Message);
        Assert.Equal(404, outcome.Stats!["status"]!.GetValue<int>());
    }

    [Fact]
    public async Task Execute_ServiceUnavailable_FailsTransientWithBodyInDetails()
    {
        await using var server = await LoopbackHttpServer.StartAsync();
        server.MapText("/busy", 503, "maintenance");
        var outcome = await Fails(new JsonObject { ["url"] = server.Url("/busy") }, "http.unexpected_status", transient: true);
        Assert.Equal("maintenance", outcome.Error.Details);
    }

    [Fact]
    public async Task Execute_RetryAfterSeconds_RetriesAtThatDelay()
    {
        await using var server = await LoopbackHttpServer.StartAsync();
        server.MapText("/busy", 503, "later", headers: ("Retry-After", "120"));
        var outcome = Assert.IsType<RetryOutcome>(await Handler.ExecuteAsync(Context(new JsonObject { ["url"] = server.Url("/busy") })));
        Assert.Equal(TimeSpan.FromSeconds(120), outcome.After);
        Assert.Equal(("http.unexpected_status", true), (outcome.Error!.Type, outcome.Error.IsTransient));
    }

    [Fact]
    public async Task Execute_TooManyRequestsWithRetryAfterDate_RetriesAtThatTime()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
        await using var server = await LoopbackHttpServer.StartAsync();
        var at = time.GetUtcNow().AddSeconds(90).ToString("r", CultureInfo.InvariantCulture);
        server.MapText("/limited", 429, "slow down", headers: ("Retry-After", at));
        var outcome = Assert.IsType<RetryOutcome>(await Handler.ExecuteAsync(Context(new JsonObject { ["url"] = server.Url("/limited") }, time: time)));
        Assert.Equal(TimeSpan.FromSeconds(90), outcome.After);
    }

    [Fact]
    public async Task Execute_ExpectStatus_AcceptsCodesClassesAndRanges()
    {
        await using var server = await LoopbackHttpServer.StartAsync();
        server.MapText("/gone", 410);
        Assert.IsType<SucceededOutcome>(await Handler.ExecuteAsync(Context(new JsonObject { ["url"] = server.Url("/gone"), ["expect_status"] = new JsonArray(200, "410") })));
        Assert.IsType<SucceededOutcome>(await Handler.ExecuteAsync(Context(new JsonObject { ["url"] = server.Url("/gone"), ["expect_status"] = "4xx" })));
        Assert.IsType<SucceededOutcome>(await Handler.ExecuteAsync(Context(new JsonObject { ["url"] = server.Url("/gone"), ["expect_status"] = new JsonArray("400-410") })));
        await Fails(new JsonObject { ["url"] = server.Url("/gone"), ["expect_status"] = 200 }, "http.unexpected_status", transient: false);
    }

    [Fact]
    public async Task Execute_SlowServer_TimesOutTransient()
    {
        await using var server = await LoopbackHttpServer.StartAsync();
        server.Map("/slow", async ctx => await Task.Delay(TimeSpan.FromSeconds(10), ctx.RequestAborted));
        var sw = Stopwatch.StartNew();
        var outcome = await Fails(new JsonObject { ["url"] = server.Url("/slow"), ["timeout"] = "200ms" }, "http.timeout", transient: true);
        Assert.True(sw.Elapsed < TimeSpan.FromSeconds(5), $"took {sw.Elapsed}");
        Assert.Contains("did not complete within", outcome.Error.Message);
    }

    [Fact]
    public async Task Execute_LargeBody_IsTruncatedAtLimit()
    {
        await using var server = await LoopbackHttpServer.StartAsync();
        server.MapText("/big", 200, new string('x', 100_000));
        var stats = Assert.IsType<SucceededOutcome>(await Handler.ExecuteAsync(Context(new JsonObject { ["url"] = server.Url("/big"), ["max_response_bytes"] = 1000 }))).Stats!;
        Assert.Equal(1000, stats["response_bytes"]!.GetValue<int>());
        Assert.True(stats["truncated"]!.GetValue<bool>());
        var body = stats["body"]!.GetValue<string>();
        Assert.StartsWith(new string('x', 1000) + "\n[truncated:", body);
    }

    [Fact]
    public async Task Execute_BinaryBody_IsCountedButNotCaptured()
    {
        await using var server = await LoopbackHttpServer.StartAsync();
        server.MapText("/logo", 200, "\u0001\u0002\u0003", "image/png");
        var stats = Assert.IsType<SucceededOutcome>(await Handler.ExecuteAsync(Context(new JsonObject { ["url"] = server.Url("/logo") }))).Stats!;
        Assert.Equal(3, stats["response_bytes"]!.GetValue<int>());
        Assert.Null(stats["body"]);
    }

    [Fact]
    public async Task Execute_Redirects_AreFollowedAndRecorded()
    {
        await using var server = await LoopbackHttpServer.StartAsync();
        server.MapRedirect("/old", "/middle", 301);
        server.MapRedirect("/middle", server.Url("/new"), 303);
        server.MapText("/new", 200, "moved here");
        var stats = Assert.IsType<SucceededOutcome>(await Handler.ExecuteAsync(Context(new JsonObject
        {
            ["url"] = server.Url("/old"), ["method"] = "POST", ["body"] = "payload",
        }))).Stats!;
        Assert.Equal(("moved here", 2), (stats["body"]!.GetValue<string>(), stats["redirects"]!.GetValue<int>()));
        Assert.Equal(server.Url("/new"), stats["url"]!.GetValue<string>());
        Assert.Equal(["POST /old", "GET /middle", "GET /new"], server.Requests.Select(r => $"{r.Method} {r.PathAndQuery}"));
    }

    [Fact]
    public async Task Execute_TemporaryRedirect_KeepsMethodAndBody()
    {
        await using var server = await LoopbackHttpServer.StartAsync();
        server.MapRedirect("/a", "/b", 307);
        server.MapText("/b", 200);
        Assert.IsType<SucceededOutcome>(await Handler.ExecuteAsync(Context(new JsonObject { ["url"] = server.Url("/a"), ["method"] = "POST", ["body"] = "keep" })));
        Assert.Equal([("POST", "keep"), ("POST", "keep")], server.Requests.Select(r => (r.Method, r.Body)));
    }

    [Fact]
    public async Task Execute_RedirectLoop_StopsAfterFiveHops()
    {
        await using var server = await LoopbackHttpServer.StartAsync();
        server.MapRedirect("/loop", "/loop");
        var outcome = await Fails(new JsonObject { ["url"] = server.Url("/loop") }, "http.too_many_redirects", transient: false);
        Assert.Contains("more than 5 times", outcome.Error.Message);
        Assert.Equal(6, server.Requests.Count);
    }

    [Fact]
    public async Task Execute_FollowRedirectsFalse_JudgesTheRedirectItself()
    {
        await using var server = await LoopbackHttpServer.StartAsync();
        server.MapRedirect("/old", "/new");
        await Fails(new JsonObject { ["url"] = server.Url("/old"), ["follow_redirects"] = false }, "http.unexpected_status", transient: false);
        Assert.IsType<SucceededOutcome>(await Handler.ExecuteAsync(Context(new JsonObject { ["url"] = server.Url("/old"), ["follow_redirects"] = false, ["expect_status"] = "3xx" })));
        Assert.All(server.Requests, r => Assert.Equal("/old", r.PathAndQuery));
    }

    [Fact]
    public async Task Execute_RedirectToOtherScheme_FailsPermanently()
    {
        await using var server = await LoopbackHttpServer.StartAsync();
        server.MapRedirect("/ftp", "ftp://example.com/file");
        await Fails(new JsonObject { ["url"] = server.Url("/ftp") }, "http.bad_redirect", transient: false);
    }

    [Fact]
    public async Task Execute_Cancelled_ThrowsOperationCanceled()
    {
        await using var server = await LoopbackHttpServer.StartAsync();
        var arrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        server.Map("/slow", async ctx =>
        {
            arrived.TrySetResult();
            await Task.Delay(TimeSpan.FromSeconds(10), ctx.RequestAborted);
        });
        using var cts = new CancellationTokenSource();
        var run = Handler.ExecuteAsync(Context(new JsonObject { ["url"] = server.Url("/slow") }, ct: cts.Token)).AsTask();
        await arrived.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
    }

    [Fact]
    public async Task Execute_ClosedPort_FailsConnectTransient()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        await Fails(new JsonObject { ["url"] = $"http://127.0.0.1:{port}/" }, "http.connect_failed", transient: true);
    }

    [Fact]
    public async Task Execute_UnresolvableHost_FailsDns()
    {
        var outcome = await Fails(new JsonObject { ["url"] = "http://no-such-host.invalid/" }, "http.dns_failed", transient: true);
        Assert.Contains("no-such-host.invalid", outcome.Error.Message);
    }

    [Theory]
    [InlineData("""{}""", "'url' is required")]
    [InlineData("""{"url":"not a url"}""", "'url' must be an absolute http")]
    [InlineData("""{"url":"ftp://example.com/file"}""", "'url' must be an absolute http")]
    [InlineData("""{"url":"file:///etc/passwd"}""", "'url' must be an absolute http")]
    [InlineData("""{"url":42}""", "'url' must be a string")]
    [InlineData("""{"url":"http://example.com","method":"GE T"}""", "'method' must be an HTTP method")]
    [InlineData("""{"url":"http://example.com","body":"a","json":{}}""", "'json' cannot be combined")]
    [InlineData("""{"url":"http://example.com","expect_status":["2xx","teapot"]}""", "'expect_status' must be status codes")]
    [InlineData("""{"url":"http://example.com","expect_status":"600"}""", "'expect_status' must be status codes")]
    [InlineData("""{"url":"http://example.com","timeout":"soon"}""", "'timeout' must be a positive duration")]
    [InlineData("""{"url":"http://example.com","max_response_bytes":-1}""", "'max_response_bytes' must be a whole number")]
    [InlineData("""{"url":"http://example.com","headers":["a"]}""", "'headers' must be an object")]
    [InlineData("""{"url":"http://example.com","headers":{"bad name":"x"}}""", "'headers.bad name' is not a valid request header")]
    [InlineData("""{"url":"http://example.com","follow_redirects":"yes"}""", "'follow_redirects' must be true or false")]
    public async Task Execute_BadParameters_FailPermanentlyNamingTheParameter(string json, string message)
    {
        var outcome = await Fails((JsonObject)JsonNode.Parse(json)!, "http.bad_parameters", transient: false);
        Assert.Contains(message, outcome.Error.Message);
    }

    [Fact]
    public async Task Execute_ApiTaskToLoopback_IsBlockedBeforeAnyRequest()
    {
        await using var server = await LoopbackHttpServer.StartAsync();
        server.MapText("/internal", 200, "secret");
        var outcome = await Fails(new JsonObject { ["url"] = server.Url("/internal") }, "http.blocked_address", transient: false, origin: TaskOrigin.Api);
        Assert.Contains("127.0.0.1", outcome.Error.Message);
        await Fails(new JsonObject { ["url"] = $"http://localhost:{server.BaseUri.Port}/internal" }, "http.blocked_address", transient: false, origin: TaskOrigin.Api);
        await Fails(new JsonObject { ["url"] = "http://169.254.169.254/latest/meta-data/" }, "http.blocked_address", transient: false, origin: TaskOrigin.Api);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task Execute_ApiTaskWithPrivateNetworksAllowed_Succeeds()
    {
        await using var server = await LoopbackHttpServer.StartAsync();
        server.MapText("/internal", 200, "ok");
        var allowing = new HttpTaskHandler(Clients, Options.Create(new RotaOptions { AllowPrivateNetworks = true }));
        Assert.IsType<SucceededOutcome>(await allowing.ExecuteAsync(Context(new JsonObject { ["url"] = server.Url("/internal") }, TaskOrigin.Api)));
        Assert.IsType<SucceededOutcome>(await Handler.ExecuteAsync(Context(new JsonObject { ["url"] = server.Url("/internal") }, TaskOrigin.Code)));
        Assert.Equal(2, server.Requests.Count);
    }

    [Fact]
    public async Task Execute_ApiTaskRedirectedToPrivateAddress_IsBlockedAtTheHop()
    {
        await using var server = await LoopbackHttpServer.StartAsync();
        // The guard here also allows 127.0.0.1 (the test server), so the first hop passes and the redirect is judged.
        var handler = new HttpTaskHandler(new HttpTaskClients(new Rota.Net.OutboundAddressGuard(false, [IPAddress.Loopback])), Options.Create(new RotaOptions()));
        server.MapRedirect("/hop", $"http://127.0.0.2:{server.BaseUri.Port}/internal");
        server.MapText("/ok", 200);
        Assert.IsType<SucceededOutcome>(await handler.ExecuteAsync(Context(new JsonObject { ["url"] = server.Url("/ok") }, TaskOrigin.Api)));
        await Fails(new JsonObject { ["url"] = server.Url("/hop") }, "http.blocked_address", transient: false, handler, TaskOrigin.Api);
        Assert.Equal(["/ok", "/hop"], server.Requests.Select(r => r.PathAndQuery));
    }

    [Fact]
    public async Task Execute_CrossOriginRedirect_DropsCredentials()
    {
        await using var first = await LoopbackHttpServer.StartAsync();
        await using var second = await LoopbackHttpServer.StartAsync();
        first.MapRedirect("/start", second.Url("/land"));
        second.MapText("/land", 200);
        Assert.IsType<SucceededOutcome>(await Handler.ExecuteAsync(Context(new JsonObject
        {
            ["url"] = first.Url("/start"), ["headers"] = new JsonObject { ["Authorization"] = "Bearer s3cret", ["X-Trace"] = "t1" },
        })));
        Assert.Equal("Bearer s3cret", Assert.Single(first.Requests).Header("Authorization"));
        var landed = Assert.Single(second.Requests);
        Assert.Null(landed.Header("Authorization"));
        Assert.Equal("t1", landed.Header("X-Trace"));
    }
}
