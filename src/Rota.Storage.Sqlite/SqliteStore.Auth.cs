using System.Text.Json.Nodes;
using Dapper;
using Rota.Storage;

namespace Rota.Storage.Sqlite;

public sealed partial class SqliteStore
{
    private sealed record UserDb(long Id, string Name, string Role, string? PasswordHash, long CreatedAt, long? DisabledAt)
    {
        public UserRow ToRow() => new(Id, Name, Role, PasswordHash, At(CreatedAt), At(DisabledAt));
    }

    private sealed record TokenDb(long Id, long UserId, string UserName, string Name, string Prefix, long CreatedAt, long? ExpiresAt, long? LastUsedAt, long? RevokedAt)
    {
        public TokenRow ToRow() => new(Id, UserId, UserName, Name, Prefix, At(CreatedAt), At(ExpiresAt), At(LastUsedAt), At(RevokedAt));
    }

    private sealed record TokenFindDb(long Id, long UserId, string UserName, string Name, string Prefix, long CreatedAt, long? ExpiresAt, long? LastUsedAt,
        long? RevokedAt, string Role, string? PasswordHash, long UserCreatedAt, long? DisabledAt);

    private sealed record AuditDb(long Id, long At, string Actor, string Action, string? Target, string? Detail);

    public Task<long> UserCount(CancellationToken ct = default) =>
        ReadAsync(c => c.ExecuteScalarAsync<long>(Sql["UserCount"]), ct);

    public Task<UserRow> UserCreate(UserCreateParams p, CancellationToken ct = default) =>
        WriteAsync(async (c, tx) => (await c.QuerySingleAsync<UserDb>(Sql["UserCreate"],
            new { name = p.Name, role = p.Role, password_hash = p.PasswordHash, now = Ms(p.Now) }, tx)).ToRow(), ct);

    public Task<UserRow?> UserGet(string name, CancellationToken ct = default) =>
        ReadAsync(async c => (await c.QuerySingleOrDefaultAsync<UserDb>(Sql["UserGet"], new { name }))?.ToRow(), ct);

    public Task<UserRow?> UserGetById(long id, CancellationToken ct = default) =>
        ReadCached("UserGetById", c => c.With("id", id), r => r.Parse<UserDb>().FirstOrDefault()?.ToRow(), ct);

    public Task<IReadOnlyList<UserRow>> UserList(CancellationToken ct = default) =>
        ReadAsync<IReadOnlyList<UserRow>>(async c => (await c.QueryAsync<UserDb>(Sql["UserList"])).Select(u => u.ToRow()).ToList(), ct);

    public Task<UserRow?> UserUpdate(UserUpdateParams p, CancellationToken ct = default) =>
        WriteAsync(async (c, tx) => (await c.QuerySingleOrDefaultAsync<UserDb>(Sql["UserUpdate"], new
        {
            id = p.Id, role = p.Role, password_hash = p.PasswordHash, disabled = p.Disabled is { } d ? (d ? 1 : 0) : (int?)null, now = Ms(p.Now),
        }, tx))?.ToRow(), ct);

    public Task<long> TokenCreate(TokenCreateParams p, CancellationToken ct = default) =>
        WriteAsync((c, tx) => c.ExecuteScalarAsync<long>(Sql["TokenCreate"], new
        {
            user_id = p.UserId, name = p.Name, prefix = p.Prefix, hash = p.Hash, expires_at = Ms(p.ExpiresAt), now = Ms(p.Now),
        }, tx), ct);

    public Task<TokenLookup?> TokenFind(string hash, CancellationToken ct = default) =>
        ReadCached("TokenFind", c => c.With("hash", hash), reader =>
        {
            var r = reader.Parse<TokenFindDb>().FirstOrDefault();
            return r is null ? null : new TokenLookup(
                new TokenRow(r.Id, r.UserId, r.UserName, r.Name, r.Prefix, At(r.CreatedAt), At(r.ExpiresAt), At(r.LastUsedAt), At(r.RevokedAt)),
                new UserRow(r.UserId, r.UserName, r.Role, r.PasswordHash, At(r.UserCreatedAt), At(r.DisabledAt)));
        }, ct);

    public Task<TokenRow?> TokenGet(long id, CancellationToken ct = default) =>
        ReadAsync(async c => (await c.QuerySingleOrDefaultAsync<TokenDb>(Sql["TokenGet"], new { id }))?.ToRow(), ct);

    public Task<IReadOnlyList<TokenRow>> TokenList(TokenListParams p, CancellationToken ct = default) =>
        ReadAsync<IReadOnlyList<TokenRow>>(async c => (await c.QueryAsync<TokenDb>(Sql["TokenList"], new { user_id = p.UserId })).Select(t => t.ToRow()).ToList(), ct);

    public Task<bool> TokenRevoke(TokenRevokeParams p, CancellationToken ct = default) =>
        WriteAsync(async (c, tx) => await c.ExecuteAsync(Sql["TokenRevoke"], new { id = p.Id, user_id = p.UserId, now = Ms(p.Now) }, tx) > 0, ct);

    public Task TokenTouch(TokenTouchParams p, CancellationToken ct = default) =>
        WriteAsync((c, tx) => c.ExecuteAsync(Sql["TokenTouch"], new { id = p.Id, now = Ms(p.Now) }, tx), ct);

    public Task AuditAppend(AuditAppendParams p, CancellationToken ct = default) =>
        WriteAsync((c, tx) => c.ExecuteAsync(Sql["AuditAppend"], new
        {
            now = Ms(p.Now), actor = p.Actor, action = p.Action, target = p.Target, detail = p.Detail?.ToJsonString(),
        }, tx), ct);

    public Task<IReadOnlyList<AuditRow>> AuditList(AuditListParams p, CancellationToken ct = default) =>
        ReadAsync<IReadOnlyList<AuditRow>>(async c => (await c.QueryAsync<AuditDb>(Sql["AuditList"], new
        {
            actor = p.Actor, action = p.Action, before_id = p.BeforeId, limit = Math.Clamp(p.Limit, 1, 1000),
        })).Select(a => new AuditRow(a.Id, At(a.At), a.Actor, a.Action, a.Target, a.Detail is null ? null : JsonNode.Parse(a.Detail) as JsonObject)).ToList(), ct);
}
