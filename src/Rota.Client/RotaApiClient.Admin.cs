using System.Globalization;
using Rota.Client.Models;

namespace Rota.Client;

public sealed partial class RotaApiClient
{
    public async Task<IReadOnlyList<QueueInfo>> ListQueuesAsync(CancellationToken ct = default) =>
        (await GetAsync<QueueListBody>("queues", ct)).Queues;

    public Task<QueueInfo> PauseQueueAsync(string name, CancellationToken ct = default) =>
        SendJsonAsync<QueueInfo>(HttpMethod.Post, $"queues/{Escape(name)}/pause", null, ct);

    public Task<QueueInfo> ResumeQueueAsync(string name, CancellationToken ct = default) =>
        SendJsonAsync<QueueInfo>(HttpMethod.Post, $"queues/{Escape(name)}/resume", null, ct);

    /// <summary>Sets a queue's concurrency (creates the queue when missing). Admins only.</summary>
    public Task<QueueInfo> ResizeQueueAsync(string name, int concurrency, CancellationToken ct = default) =>
        SendJsonAsync<QueueInfo>(HttpMethod.Put, $"queues/{Escape(name)}", new ResizeBody(concurrency), ct);

    public Task<NodeList> ListNodesAsync(CancellationToken ct = default) => GetAsync<NodeList>("nodes", ct);

    public Task<UserInfo> GetMeAsync(CancellationToken ct = default) => GetAsync<UserInfo>("users/me", ct);

    public async Task<IReadOnlyList<UserInfo>> ListUsersAsync(CancellationToken ct = default) =>
        (await GetAsync<UserListBody>("users", ct)).Users;

    /// <summary>Creates a user (admins only); a password, if given, needs at least 12 characters.</summary>
    public Task<UserInfo> CreateUserAsync(string name, string? role = null, string? password = null, CancellationToken ct = default) =>
        SendJsonAsync<UserInfo>(HttpMethod.Post, "users", new UserBody(name, role, password), ct);

    public Task<UserInfo> UpdateUserAsync(long id, UserUpdate update, CancellationToken ct = default) =>
        SendJsonAsync<UserInfo>(HttpMethod.Patch, $"users/{id}", update, ct);

    /// <summary>The caller's tokens; admins may pass another <paramref name="user"/> or <c>*</c> for everyone's.</summary>
    public async Task<IReadOnlyList<TokenInfo>> ListTokensAsync(string? user = null, CancellationToken ct = default) =>
        (await GetAsync<TokenListBody>(Query("tokens", ("user", user)), ct)).Tokens;

    /// <summary>Creates a token; the answer's <see cref="TokenInfo.Token"/> is the secret, shown this once.</summary>
    public Task<TokenInfo> CreateTokenAsync(TokenRequest request, CancellationToken ct = default) =>
        SendJsonAsync<TokenInfo>(HttpMethod.Post, "tokens", request, ct);

    public Task RevokeTokenAsync(long id, CancellationToken ct = default) =>
        SendNoContentAsync(HttpMethod.Delete, $"tokens/{id}", null, ct);

    /// <summary>The audit log (admins only), newest first.</summary>
    public Task<AuditPage> ListAuditAsync(string? actor = null, string? action = null, string? cursor = null, int? limit = null, CancellationToken ct = default) =>
        GetAsync<AuditPage>(Query("audit", ("actor", actor), ("action", action), ("cursor", cursor), ("limit", limit?.ToString(CultureInfo.InvariantCulture))), ct);

    public Task<CronExplanation> ExplainCronAsync(string expression, CancellationToken ct = default) =>
        GetAsync<CronExplanation>(Query("cron/explain", ("expression", expression)), ct);

    public Task<CronFires> NextCronFiresAsync(string expression, string? timeZone = null, int? count = null, DateTimeOffset? from = null, CancellationToken ct = default) =>
        GetAsync<CronFires>(Query("cron/next", ("expression", expression), ("time_zone", timeZone), ("count", count?.ToString(CultureInfo.InvariantCulture)), ("from", Instant(from))), ct);

    private sealed record QueueListBody(IReadOnlyList<QueueInfo> Queues);
    private sealed record UserListBody(IReadOnlyList<UserInfo> Users);
    private sealed record TokenListBody(IReadOnlyList<TokenInfo> Tokens);
    private sealed record ResizeBody(int Concurrency);
    private sealed record UserBody(string Name, string? Role, string? Password);
}
