using System.Net;
using Rota.Runs;
using System.Text;

namespace Rota.Server.Tests;

public sealed class AccountEndpointTests
{
    private static string ReadShared(string path)
    {
        if (!File.Exists(path)) return "";
        using var f = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var ms = new MemoryStream();
        f.CopyTo(ms);
        return Encoding.Latin1.GetString(ms.ToArray());
    }

    [Fact]
    public async Task CreateToken_SecretShownOnceStoredHashedUsableRevocable()
    {
        await using var s = await TestServer.StartAsync();
        using var created = await s.Alice.PostJsonAsync("/api/v1/tokens", """{"name":"laptop","expires_in_days":30}""");
        var token = await created.JsonAsync(HttpStatusCode.Created);
        var secret = token.Str("token");
        Assert.StartsWith("rota_", secret, StringComparison.Ordinal);
        Assert.Equal(secret[..12], token.Str("prefix"));
        Assert.Equal("alice", token.Str("user"));
        var id = token.Long("id");

        var listed = (await s.Alice.GetJsonAsync("/api/v1/tokens")).GetProperty("tokens").EnumerateArray().ToList();
        Assert.All(listed, t => Assert.Equal(System.Text.Json.JsonValueKind.Null, t.GetProperty("token").ValueKind));
        Assert.All(listed, t => Assert.Equal("alice", t.Str("user")));
        Assert.DoesNotContain(secret, ReadShared(s.DbPath) + ReadShared(s.DbPath + "-wal"), StringComparison.Ordinal);
        Assert.Contains(Auth.TokenSecret.Hash(secret), ReadShared(s.DbPath) + ReadShared(s.DbPath + "-wal"), StringComparison.Ordinal);

        using var own = s.Client(secret);
        Assert.Equal("alice", (await own.GetJsonAsync("/api/v1/users/me")).Str("name"));
        var used = (await s.Alice.GetJsonAsync("/api/v1/tokens")).GetProperty("tokens").EnumerateArray().Single(t => t.Long("id") == id);
        Assert.NotEqual(System.Text.Json.JsonValueKind.Null, used.GetProperty("last_used_at").ValueKind);

        using var revoked = await s.Alice.SendAsync(HttpMethod.Delete, $"/api/v1/tokens/{id}");
        Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);
        using var refused = await own.GetAsync("/api/v1/users/me", Http.Ct);
        await refused.ProblemAsync(401, "auth.token_revoked");
        Assert.Equal("Bearer", refused.Headers.WwwAuthenticate.Single().Scheme);
    }

    [Fact]
    public async Task TokenLastUsed_TwoServersSameTokenId_SetOnEach()
    {
        // Token ids start at 1 in every store: the once-a-minute last-used throttle must not be shared across hosts.
        foreach (var _ in Enumerable.Range(0, 2))
        {
            await using var s = await TestServer.StartAsync();
            var t = await (await s.Bob.PostJsonAsync("/api/v1/tokens", """{"name":"same-id"}""")).JsonAsync(HttpStatusCode.Created);
            using var own = s.Client(t.Str("token"));
            await own.GetJsonAsync("/api/v1/users/me");
            Assert.NotNull((await s.Store.TokenGet(t.Long("id")))!.LastUsedAt);
        }
    }

    [Fact]
    public async Task CreateToken_AdminForOtherUser_TokenActsAsThatUser()
    {
        await using var s = await TestServer.StartAsync();
        var token = await (await s.Admin.PostJsonAsync("/api/v1/tokens", """{"name":"for-bob","user":"bob"}""")).JsonAsync(HttpStatusCode.Created);
        using var asBob = s.Client(token.Str("token"));
        var me = await asBob.GetJsonAsync("/api/v1/users/me");
        Assert.Equal("bob", me.Str("name"));
        Assert.Equal("user", me.Str("role"));
        var bobs = (await s.Admin.GetJsonAsync("/api/v1/tokens?user=bob")).GetProperty("tokens").EnumerateArray().Select(t => t.Str("name")).ToList();
        Assert.Contains("for-bob", bobs);
    }

    [Fact]
    public async Task CreateAndPatchUser_AsAdmin_RoleChangesAndDisabledUserRefused()
    {
        await using var s = await TestServer.StartAsync();
        using var created = await s.Admin.PostJsonAsync("/api/v1/users", """{"name":"carol","password":"correct horse battery"}""");
        var carol = await created.JsonAsync(HttpStatusCode.Created);
        Assert.Equal("user", carol.Str("role"));
        var id = carol.Long("id");
        var token = (await (await s.Admin.PostJsonAsync("/api/v1/tokens", """{"name":"c","user":"carol"}""")).JsonAsync(HttpStatusCode.Created)).Str("token");
        using var asCarol = s.Client(token);
        using var notYet = await asCarol.GetAsync("/api/v1/users", Http.Ct);
        await notYet.ProblemAsync(403, "auth.forbidden");

        var promoted = await (await s.Admin.SendAsync(HttpMethod.Patch, $"/api/v1/users/{id}", """{"role":"admin"}""")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("admin", promoted.Str("role"));
        await asCarol.GetJsonAsync("/api/v1/users");

        var disabled = await (await s.Admin.SendAsync(HttpMethod.Patch, $"/api/v1/users/{id}", """{"disabled":true}""")).JsonAsync(HttpStatusCode.OK);
        Assert.True(disabled.GetProperty("disabled").GetBoolean());
        using var refused = await asCarol.GetAsync("/api/v1/users/me", Http.Ct);
        await refused.ProblemAsync(401, "auth.user_disabled");

        var enabled = await (await s.Admin.SendAsync(HttpMethod.Patch, $"/api/v1/users/{id}", """{"disabled":false}""")).JsonAsync(HttpStatusCode.OK);
        Assert.False(enabled.GetProperty("disabled").GetBoolean());
        Assert.Equal("carol", (await asCarol.GetJsonAsync("/api/v1/users/me")).Str("name"));
    }

    [Fact]
    public async Task Audit_EveryMutation_RecordedWithActorAndListableByAdminOnly()
    {
        await using var s = await TestServer.StartAsync();
        var expected = new List<(string Actor, string Action, string Target)>();
        async Task Do(HttpClient c, HttpMethod m, string path, string? body, string actor, string action, string target)
        {
            using var r = await c.SendAsync(m, path, body);
            Assert.True(r.IsSuccessStatusCode, $"{m} {path}: {(int)r.StatusCode} {await r.Content.ReadAsStringAsync(Http.Ct)}");
            expected.Add((actor, action, target));
        }
        await Do(s.Alice, HttpMethod.Post, "/api/v1/tasks", """{"name":"audited","handler":"block"}""", "alice", "task.create", "task:audited");
        await Do(s.Alice, HttpMethod.Put, "/api/v1/tasks/audited", """{"handler":"block","description":"x"}""", "alice", "task.update", "task:audited");
        await Do(s.Alice, HttpMethod.Post, "/api/v1/tasks/audited/disable", "{}", "alice", "task.disable", "task:audited");
        await Do(s.Alice, HttpMethod.Post, "/api/v1/tasks/audited/enable", null, "alice", "task.enable", "task:audited");
        using (var run = await s.Alice.PostJsonAsync("/api/v1/tasks/audited/runs"))
        {
            var runId = (await run.JsonAsync(HttpStatusCode.Accepted)).Long("run_id");
            expected.Add(("alice", "task.run", "task:audited"));
            await Do(s.Alice, HttpMethod.Post, $"/api/v1/runs/{runId}/cancel", null, "alice", "run.cancel", $"run:{runId}");
            await s.WaitForRunAsync(runId, r => r.Status.IsTerminal());
            await Do(s.Alice, HttpMethod.Post, $"/api/v1/runs/{runId}/retry", null, "alice", "run.retry", $"run:{runId}");
        }
        await Do(s.Admin, HttpMethod.Put, "/api/v1/queues/audit-q", """{"concurrency":4}""", "admin", "queue.update", "queue:audit-q");
        await Do(s.Admin, HttpMethod.Post, "/api/v1/queues/audit-q/pause", null, "admin", "queue.pause", "queue:audit-q");
        await Do(s.Admin, HttpMethod.Post, "/api/v1/queues/audit-q/resume", null, "admin", "queue.resume", "queue:audit-q");
        await Do(s.Admin, HttpMethod.Post, "/api/v1/users", """{"name":"dave"}""", "admin", "user.create", "user:dave");
        var dave = (await s.Store.UserGet("dave"))!.Id;
        await Do(s.Admin, HttpMethod.Patch, $"/api/v1/users/{dave}", """{"role":"admin"}""", "admin", "user.update", "user:dave");
        using (var tok = await s.Bob.PostJsonAsync("/api/v1/tokens", """{"name":"audit"}"""))
        {
            var tokenId = (await tok.JsonAsync(HttpStatusCode.Created)).Long("id");
            expected.Add(("bob", "token.create", $"token:{tokenId}"));
            await Do(s.Bob, HttpMethod.Delete, $"/api/v1/tokens/{tokenId}", null, "bob", "token.revoke", $"token:{tokenId}");
        }
        await Do(s.Alice, HttpMethod.Delete, "/api/v1/tasks/audited", null, "alice", "task.delete", "task:audited");

        var entries = (await s.Admin.GetJsonAsync("/api/v1/audit?limit=1000")).GetProperty("entries").EnumerateArray()
            .Select(e => (e.Str("actor"), e.Str("action"), e.Str("target"))).Reverse().ToList();
        Assert.Equal(expected, entries);
        var alicesRuns = (await s.Admin.GetJsonAsync("/api/v1/audit?actor=alice&action=task.run")).GetProperty("entries").EnumerateArray().ToList();
        Assert.Single(alicesRuns);
        using var forbidden = await s.Alice.GetAsync("/api/v1/audit", Http.Ct);
        await forbidden.ProblemAsync(403, "auth.forbidden");
    }

    [Theory]
    [InlineData("Basic YWxpY2U6c2VjcmV0", "auth.unsupported_scheme")]
    [InlineData("Bearer", "auth.unsupported_scheme")]
    [InlineData("Bearer not-a-rota-token", "auth.invalid_token")]
    [InlineData("bearer rota_0000000000000000000000000000000000000000", "auth.invalid_token")]
    public async Task Authorization_MalformedHeader_UnauthorizedWithCode(string header, string code)
    {
        await using var s = await TestServer.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/users/me");
        request.Headers.TryAddWithoutValidation("Authorization", header);
        using var response = await s.Anonymous.SendAsync(request, Http.Ct);
        await response.ProblemAsync(401, code);
    }

    [Fact]
    public async Task WrongMethod_KnownRoute_MethodNotAllowedProblem()
    {
        await using var s = await TestServer.StartAsync();
        using var response = await s.Alice.SendAsync(HttpMethod.Patch, "/api/v1/tasks");
        await response.ProblemAsync(405, "request.method_not_allowed");
    }

    [Theory]
    [InlineData(Identity.Anonymous)]
    [InlineData(Identity.Alice)]
    [InlineData(Identity.Garbage)]
    public async Task UnknownRoute_AnyCaller_NotFoundProblemWithCode(Identity who)
    {
        await using var s = await TestServer.StartAsync();
        using var api = await s[who].GetAsync("/api/v1/no-such-resource", Http.Ct);
        await api.ProblemAsync(404, "request.route_not_found");
        using var root = await s[who].GetAsync("/no/such/page", Http.Ct);
        await root.ProblemAsync(404, "request.route_not_found");
    }
}
