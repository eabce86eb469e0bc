using System.Net;
using Rota.Storage;

namespace Rota.Server.Tests;

/// <summary>The optional token cache (<c>TokenCacheTtl</c>): remembers found tokens, yet a revocation or user change made
/// through the server is refused on the next request.</summary>
public sealed class TokenCacheTests
{
    private static Task<TestServer> StartCachingAsync() => TestServer.StartAsync(o => o.TokenCacheTtl = TimeSpan.FromHours(1));

    private static async Task<(long Id, HttpClient Client)> NewTokenAsync(TestServer s)
    {
        var token = await (await s.Alice.PostJsonAsync("/api/v1/tokens", """{"name":"cached"}""")).JsonAsync(HttpStatusCode.Created);
        var client = s.Client(token.Str("token"));
        Assert.Equal("alice", (await client.GetJsonAsync("/api/v1/users/me")).Str("name"));
        return (token.Long("id"), client);
    }

    [Fact]
    public async Task Cached_RevokedInTheStoreBehindTheServersBack_StillAcceptedUntilTheTtl()
    {
        await using var s = await StartCachingAsync();
        var (id, client) = await NewTokenAsync(s);
        using (client)
        {
            Assert.True(await s.Store.TokenRevoke(new TokenRevokeParams(id, null, TimeProvider.System.GetUtcNow()), Http.Ct));
            // The documented trade-off: only this server's own changes clear the cache.
            Assert.Equal("alice", (await client.GetJsonAsync("/api/v1/users/me")).Str("name"));
        }
    }

    [Fact]
    public async Task Cached_RevokedThroughTheApi_RefusedOnTheNextRequest()
    {
        await using var s = await StartCachingAsync();
        var (id, client) = await NewTokenAsync(s);
        using (client)
        {
            using var revoked = await s.Alice.SendAsync(HttpMethod.Delete, $"/api/v1/tokens/{id}");
            Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);
            using var refused = await client.GetAsync("/api/v1/users/me", Http.Ct);
            await refused.ProblemAsync(401, "auth.token_revoked");
        }
    }

    [Fact]
    public async Task Cached_UserDisabledThroughTheApi_RefusedOnTheNextRequest()
    {
        await using var s = await StartCachingAsync();
        var (_, client) = await NewTokenAsync(s);
        using (client)
        {
            using var disabled = await s.Admin.SendAsync(HttpMethod.Patch, $"/api/v1/users/{s.UserIds[Identity.Alice]}", """{"disabled":true}""");
            Assert.Equal(HttpStatusCode.OK, disabled.StatusCode);
            using var refused = await client.GetAsync("/api/v1/users/me", Http.Ct);
            await refused.ProblemAsync(401, "auth.user_disabled");
        }
    }

    [Fact]
    public async Task Cached_UserDeletedBehindTheServersBack_MeAnswers401NotA500()
    {
        await using var s = await StartCachingAsync();
        var (_, client) = await NewTokenAsync(s);
        using (client)
        {
            // The cached token still names alice, who is gone: the token belongs to no one.
            await using (var c = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={s.DbPath}"))
            {
                await c.OpenAsync(Http.Ct);
                await using var delete = c.CreateCommand();
                delete.CommandText = "DELETE FROM rota_tokens WHERE user_id = $id; DELETE FROM rota_users WHERE id = $id;";
                delete.Parameters.AddWithValue("$id", s.UserIds[Identity.Alice]);
                await delete.ExecuteNonQueryAsync(Http.Ct);
                Assert.Equal(0, await CountAsync(c, s.UserIds[Identity.Alice]));
            }
            using var refused = await client.GetAsync("/api/v1/users/me", Http.Ct);
            await refused.ProblemAsync(401, "auth.invalid_token");
        }
    }

    private static async Task<long> CountAsync(Microsoft.Data.Sqlite.SqliteConnection c, long userId)
    {
        await using var count = c.CreateCommand();
        count.CommandText = "SELECT count(*) FROM rota_users WHERE id = $id";
        count.Parameters.AddWithValue("$id", userId);
        return (long)(await count.ExecuteScalarAsync(Http.Ct))!;
    }
}
