using System.Globalization;
using Rota.Client.Models;

namespace Rota.Client;

public sealed partial class RotaApiClient
{
    /// <summary>Tasks the token may see (admins: all; <paramref name="owner"/> narrows, <paramref name="enabled"/> filters).</summary>
    public async Task<IReadOnlyList<TaskInfo>> ListTasksAsync(string? owner = null, bool? enabled = null, CancellationToken ct = default) =>
        (await GetAsync<TaskList>(Query("tasks", ("owner", owner), ("enabled", enabled is { } e ? (e ? "true" : "false") : null)), ct)).Tasks;

    public Task<TaskInfo> GetTaskAsync(string name, CancellationToken ct = default) => GetAsync<TaskInfo>($"tasks/{Escape(name)}", ct);

    /// <summary>The task as the JSON document <see cref="CreateTaskAsync"/> and <see cref="ReplaceTaskAsync"/> take (every
    /// schedule and policy; the rota.yaml task shape): edit it and put it back.</summary>
    public Task<string> GetTaskDefinitionAsync(string name, CancellationToken ct = default) => GetTextAsync($"tasks/{Escape(name)}/definition", ct);

    /// <summary>Creates a task from its JSON definition (the rota.yaml task shape in JSON); 409 <c>task.exists</c> if taken.</summary>
    public Task<TaskInfo> CreateTaskAsync(string definitionJson, CancellationToken ct = default) =>
        SendJsonAsync<TaskInfo>(HttpMethod.Post, "tasks", definitionJson, ct);

    /// <summary>Replaces a task's definition (a new version); the name in the body, if any, must match.</summary>
    public Task<TaskInfo> ReplaceTaskAsync(string name, string definitionJson, CancellationToken ct = default) =>
        SendJsonAsync<TaskInfo>(HttpMethod.Put, $"tasks/{Escape(name)}", definitionJson, ct);

    public Task DeleteTaskAsync(string name, CancellationToken ct = default) =>
        SendNoContentAsync(HttpMethod.Delete, $"tasks/{Escape(name)}", null, ct);

    public Task<TaskInfo> EnableTaskAsync(string name, CancellationToken ct = default) =>
        SendJsonAsync<TaskInfo>(HttpMethod.Post, $"tasks/{Escape(name)}/enable", null, ct);

    /// <summary>Pauses a task's schedules, optionally until an instant (it resumes by itself then).</summary>
    public Task<TaskInfo> DisableTaskAsync(string name, string? reason = null, DateTimeOffset? until = null, CancellationToken ct = default) =>
        SendJsonAsync<TaskInfo>(HttpMethod.Post, $"tasks/{Escape(name)}/disable", new DisableBody(reason, until), ct);

    /// <summary>Queues a run now. An overlap skip is a 409 <c>run.overlap</c>; the same idempotency key returns the first run.</summary>
    public Task<TriggerResult> RunTaskAsync(string name, RunNowRequest? request = null, CancellationToken ct = default) =>
        SendJsonAsync<TriggerResult>(HttpMethod.Post, $"tasks/{Escape(name)}/runs", request ?? new RunNowRequest(), ct);

    public Task<NextFires> NextFiresAsync(string name, int? count = null, DateTimeOffset? from = null, CancellationToken ct = default) =>
        GetAsync<NextFires>(Query($"tasks/{Escape(name)}/next", ("count", count?.ToString(CultureInfo.InvariantCulture)), ("from", Instant(from))), ct);

    internal static string? Instant(DateTimeOffset? t) => t?.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);

    private sealed record DisableBody(string? Reason, DateTimeOffset? Until);
}
