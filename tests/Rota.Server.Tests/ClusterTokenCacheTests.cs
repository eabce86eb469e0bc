using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Rota.Server.Auth;
using Rota.Storage;
using Rota.Storage.Postgres;

namespace Rota.Server.Tests;

/// <summary>The token cache on PostgreSQL, on by default: two servers on one schema; node B remembers alice's token (no
/// store read on repeated requests), and whatever changes her token or user — node A's API, the store directly like
/// <c>rota token revoke --db</c>, manual SQL — B refuses the token once the trigger's notification arrived. Without a
/// listener (notifications off, connection lost) every request reads the store.</summary>
public sealed class ClusterTokenCacheTests
{
    private static readonly TimeSpan NotificationWait = TimeSpan.FromSeconds(10);

    private sealed record Pair(ClusterNode A, ClusterNode B, HttpClient AdminOnA, long AliceId, long TokenId, HttpClient AliceOnB) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            AdminOnA.Dispose();
            AliceOnB.Dispose();
            await B.DisposeAsync();
            await A.DisposeAsync();
        }
    }

    private static string NewSchema() => "rota_test_" + Guid.NewGuid().ToString("N")[..16];

    private static Task WaitUntilAsync(Func<bool> condition, string what) => WaitUntilAsync(() => Task.FromResult(condition()), what);

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, string what)
    {
        var sw = Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.True(sw.Elapsed < NotificationWait, what);
            await Task.Delay(10, Http.Ct);
        }
    }

    /// <summary>Nodes A and B on <paramref name="schema"/>, both listening; alice's token used once on B (now cached).</summary>
    private static async Task<Pair> StartPairAsync(string schema, string? applicationNameOfB = null)
    {
        var a = await ClusterNode.StartAsync(schema, "node-a", executes: false);
        var b = await ClusterNode.StartAsync(schema, "node-b", executes: false, applicationName: applicationNameOfB);
        await WaitUntilAsync(() => a.Store.IsListeningForAuthChanges && b.Store.IsListeningForAuthChanges, "the auth-changes listeners did not come up");
        var accounts = a.App.Services.GetRequiredService<UserAccounts>();
        var admin = await accounts.CreateAsync("root", UserRow.AdminRole, null, Http.Ct);
        var alice = await accounts.CreateAsync("alice", UserRow.UserRole, null, Http.Ct);
        var (token, secret) = await accounts.CreateTokenAsync(alice, "laptop", null, Http.Ct);
        var pair = new Pair(a, b, a.Client((await accounts.CreateTokenAsync(admin, "root", null, Http.Ct)).Secret), alice.Id, token.Id, b.Client(secret));
        Assert.Equal("alice", (await pair.AliceOnB.GetJsonAsync("/api/v1/users/me")).Str("name"));
        return pair;
    }

    /// <summary>Asserts B serves alice's token from its cache: two more requests, no store read.</summary>
    private static async Task AssertServedFromCacheAsync(Pair p)
    {
        Assert.True(p.B.Tokens.IsActive);
        var reads = p.B.Tokens.StoreReads;
        Assert.Equal("alice", (await p.AliceOnB.GetJsonAsync("/api/v1/users/me")).Str("name"));
        Assert.Equal("alice", (await p.AliceOnB.GetJsonAsync("/api/v1/users/me")).Str("name"));
        Assert.Equal(reads, p.B.Tokens.StoreReads);
    }

    /// <summary>Requests alice's token on B until it is refused with <paramref name="code"/> (the notification arrived).</summary>
    private static async Task AssertRefusedOnBAsync(Pair p, string code)
    {
        var sw = Stopwatch.StartNew();
        while (true)
        {
            using var r = await p.AliceOnB.GetAsync("/api/v1/users/me", Http.Ct);
            if (r.StatusCode == HttpStatusCode.Unauthorized)
            {
                await r.ProblemAsync(401, code);
                return;
            }
            Assert.Equal(HttpStatusCode.OK, r.StatusCode);
            Assert.True(sw.Elapsed < NotificationWait, $"node B still accepts the token {sw.Elapsed} after the change");
            await Task.Delay(10, Http.Ct);
        }
    }

    private static async Task ExecuteSqlAsync(string sql, long id)
    {
        await using var c = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(ClusterNode.ServerConnectionString()) { Pooling = false }.ConnectionString);
        await c.OpenAsync(Http.Ct);
        await using var cmd = new NpgsqlCommand(sql, c) { Parameters = { new NpgsqlParameter("id", id) } };
        Assert.Equal(1, await cmd.ExecuteNonQueryAsync(Http.Ct));
    }

    private static async Task InSchemaAsync(Func<string, Task> test)
    {
        var schema = NewSchema();
        try
        {
            await test(schema);
        }
        finally
        {
            await ClusterNode.DropSchemaAsync(schema);
        }
    }

    [Fact]
    public Task Cached_TokenRevokedOnNodeA_RefusedOnNodeB() => InSchemaAsync(async schema =>
    {
        await using var p = await StartPairAsync(schema);
        await AssertServedFromCacheAsync(p);
        using var revoked = await p.AdminOnA.SendAsync(HttpMethod.Delete, $"/api/v1/tokens/{p.TokenId}");
        Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);
        await AssertRefusedOnBAsync(p, "auth.token_revoked");
    });

    [Fact]
    public Task Cached_TokenRevokedOnTheStoreDirectly_RefusedOnNodeB() => InSchemaAsync(async schema =>
    {
        await using var p = await StartPairAsync(schema);
        await AssertServedFromCacheAsync(p);
        // Like `rota token revoke --db`: another store instance, not even sending notifications itself — the trigger does.
        await using (var direct = await PostgresStore.OpenAsync(ClusterNode.ServerConnectionString(), schema, notifications: false, Http.Ct))
            Assert.True(await direct.TokenRevoke(new TokenRevokeParams(p.TokenId, null, TimeProvider.System.GetUtcNow()), Http.Ct));
        await AssertRefusedOnBAsync(p, "auth.token_revoked");
    });

    [Fact]
    public Task Cached_UserDisabledOnNodeA_RefusedOnNodeB() => InSchemaAsync(async schema =>
    {
        await using var p = await StartPairAsync(schema);
        await AssertServedFromCacheAsync(p);
        using var disabled = await p.AdminOnA.SendAsync(HttpMethod.Patch, $"/api/v1/users/{p.AliceId}", """{"disabled":true}""");
        Assert.Equal(HttpStatusCode.OK, disabled.StatusCode);
        await AssertRefusedOnBAsync(p, "auth.user_disabled");
    });

    [Fact]
    public Task Cached_TokenRowDeletedBySql_RefusedOnNodeB() => InSchemaAsync(async schema =>
    {
        await using var p = await StartPairAsync(schema);
        await AssertServedFromCacheAsync(p);
        await ExecuteSqlAsync($"DELETE FROM {schema}.rota_tokens WHERE id = @id", p.TokenId);
        await AssertRefusedOnBAsync(p, "auth.invalid_token");
    });

    [Fact]
    public Task Cached_UserRowDeletedBySql_RefusedOnNodeB() => InSchemaAsync(async schema =>
    {
        await using var p = await StartPairAsync(schema);
        await AssertServedFromCacheAsync(p);
        await ExecuteSqlAsync($"DELETE FROM {schema}.rota_users WHERE id = @id", p.AliceId);
        await AssertRefusedOnBAsync(p, "auth.invalid_token");
    });

    [Fact]
    public Task Cached_ExpiryMovedIntoThePastBySql_RefusedOnNodeB() => InSchemaAsync(async schema =>
    {
        await using var p = await StartPairAsync(schema);
        await AssertServedFromCacheAsync(p);
        await ExecuteSqlAsync($"UPDATE {schema}.rota_tokens SET expires_at = now() - interval '1 minute' WHERE id = @id", p.TokenId);
        await AssertRefusedOnBAsync(p, "auth.token_expired");
    });

    [Fact]
    public Task Cached_LastUsedTouch_DoesNotClearTheCache() => InSchemaAsync(async schema =>
    {
        await using var p = await StartPairAsync(schema);
        var accounts = p.A.App.Services.GetRequiredService<UserAccounts>();
        var (marker, markerSecret) = await accounts.CreateTokenAsync((await p.A.Store.UserGet("alice", Http.Ct))!, "marker", null, Http.Ct);
        using var markerOnB = p.B.Client(markerSecret);
        Assert.Equal("alice", (await markerOnB.GetJsonAsync("/api/v1/users/me")).Str("name"));
        await AssertServedFromCacheAsync(p);
        var invalidations = p.B.Tokens.Invalidations;
        // The once-a-minute last-used write changes nothing a server remembers: no notification, the cache stays.
        await ExecuteSqlAsync($"UPDATE {schema}.rota_tokens SET last_used_at = now() WHERE id = @id", p.TokenId);
        // Then a change B must see: notifications arrive in commit order, so once B refuses the marker token, one for
        // the touch would have arrived before.
        await ExecuteSqlAsync($"UPDATE {schema}.rota_tokens SET revoked_at = now() WHERE id = @id", marker.Id);
        await WaitUntilAsync(async () =>
        {
            using var r = await markerOnB.GetAsync("/api/v1/users/me", Http.Ct);
            return r.StatusCode == HttpStatusCode.Unauthorized;
        }, "the marker revocation did not reach node B");
        Assert.Equal(invalidations + 1, p.B.Tokens.Invalidations);
    });

    [Fact]
    public Task NotificationsOff_EveryRequestReadsTheStore_AndADirectRevokeIsRefusedAtOnce() => InSchemaAsync(async schema =>
    {
        await using var b = await ClusterNode.StartAsync(schema, "node-b", executes: false, notifications: false);
        Assert.False(b.Tokens.IsActive);
        Assert.False(b.Store.IsListeningForAuthChanges);
        var accounts = b.App.Services.GetRequiredService<UserAccounts>();
        var alice = await accounts.CreateAsync("alice", UserRow.UserRole, null, Http.Ct);
        var (token, secret) = await accounts.CreateTokenAsync(alice, "laptop", null, Http.Ct);
        using var client = b.Client(secret);
        var reads = b.Tokens.StoreReads;
        Assert.Equal("alice", (await client.GetJsonAsync("/api/v1/users/me")).Str("name"));
        Assert.Equal("alice", (await client.GetJsonAsync("/api/v1/users/me")).Str("name"));
        Assert.Equal(reads + 2, b.Tokens.StoreReads);
        await using (var direct = await PostgresStore.OpenAsync(ClusterNode.ServerConnectionString(), schema, notifications: false, Http.Ct))
            Assert.True(await direct.TokenRevoke(new TokenRevokeParams(token.Id, null, TimeProvider.System.GetUtcNow()), Http.Ct));
        using var refused = await client.GetAsync("/api/v1/users/me", Http.Ct);
        await refused.ProblemAsync(401, "auth.token_revoked");
    });

    [Fact]
    public Task ListenerConnectionKilled_CacheForgottenAndFollowedAgainAfterReconnect() => InSchemaAsync(async schema =>
    {
        var app = "rota-test-" + Guid.NewGuid().ToString("N")[..12];
        await using var p = await StartPairAsync(schema, app);
        await AssertServedFromCacheAsync(p);
        var killed = await TerminateAuthListenerAsync(app + " listener");
        // While down (it retries after 0.5 s) the cache is not trusted; should the reconnect win the race, it is again.
        await WaitUntilAsync(async () => !p.B.Store.IsListeningForAuthChanges || await AuthListenerPidAsync(app + " listener") is { } again && again != killed,
            "node B did not notice the lost connection");
        Assert.True(!p.B.Tokens.IsActive || p.B.Store.IsListeningForAuthChanges);
        // Reconnected: a new backend LISTENs and the node trusts its cache again — but not what it remembered before.
        await WaitUntilAsync(async () => p.B.Store.IsListeningForAuthChanges && await AuthListenerPidAsync(app + " listener") is { } pid && pid != killed,
            "node B did not listen again");
        var reads = p.B.Tokens.StoreReads;
        Assert.Equal("alice", (await p.AliceOnB.GetJsonAsync("/api/v1/users/me")).Str("name"));
        Assert.Equal(reads + 1, p.B.Tokens.StoreReads);
        await AssertServedFromCacheAsync(p);
        using var revoked = await p.AdminOnA.SendAsync(HttpMethod.Delete, $"/api/v1/tokens/{p.TokenId}");
        Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);
        await AssertRefusedOnBAsync(p, "auth.token_revoked");
    });

    [Fact]
    public async Task Sqlite_ByDefault_EveryRequestReadsTheStore()
    {
        await using var s = await TestServer.StartAsync();
        var tokens = s.App.Services.GetRequiredService<TokenLookupCache>();
        Assert.False(tokens.IsActive);
        var reads = tokens.StoreReads;
        Assert.Equal("alice", (await s.Alice.GetJsonAsync("/api/v1/users/me")).Str("name"));
        Assert.Equal("alice", (await s.Alice.GetJsonAsync("/api/v1/users/me")).Str("name"));
        Assert.Equal(reads + 2, tokens.StoreReads);
    }

    private static async Task<int?> AuthListenerPidAsync(string applicationName)
    {
        await using var c = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(ClusterNode.ServerConnectionString()) { Pooling = false }.ConnectionString);
        await c.OpenAsync(Http.Ct);
        await using var cmd = new NpgsqlCommand("SELECT pid FROM pg_stat_activity WHERE application_name = @app AND query LIKE '%LISTEN rota_auth%'", c)
        {
            Parameters = { new NpgsqlParameter("app", applicationName) },
        };
        return await cmd.ExecuteScalarAsync(Http.Ct) as int?;
    }

    private static async Task<int> TerminateAuthListenerAsync(string applicationName)
    {
        var pid = await AuthListenerPidAsync(applicationName);
        Assert.NotNull(pid);
        await using var c = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(ClusterNode.ServerConnectionString()) { Pooling = false }.ConnectionString);
        await c.OpenAsync(Http.Ct);
        await using var cmd = new NpgsqlCommand("SELECT pg_terminate_backend(@pid)", c) { Parameters = { new NpgsqlParameter("pid", pid.Value) } };
        Assert.Equal(true, await cmd.ExecuteScalarAsync(Http.Ct));
        return pid.Value;
    }
}
