using System.Globalization;
using System.Runtime.CompilerServices;
using Rota.Client.Models;

namespace Rota.Client;

public sealed partial class RotaApiClient
{
    /// <summary>One page of runs, newest first.</summary>
    public Task<RunPage> ListRunsAsync(RunFilter? filter = null, CancellationToken ct = default)
    {
        var f = filter ?? new RunFilter();
        return GetAsync<RunPage>(Query("runs", ("task", f.Task), ("status", f.Status), ("trigger", f.Trigger), ("owner", f.Owner),
            ("from", Instant(f.From)), ("to", Instant(f.To)), ("cursor", f.Cursor), ("limit", f.Limit?.ToString(CultureInfo.InvariantCulture))), ct);
    }

    /// <summary>Every run matching <paramref name="filter"/>, fetching page after page as the caller reads.</summary>
    public async IAsyncEnumerable<RunInfo> ListAllRunsAsync(RunFilter? filter = null, [EnumeratorCancellation] CancellationToken ct = default)
    {
        var f = filter ?? new RunFilter();
        while (true)
        {
            var page = await ListRunsAsync(f, ct);
            foreach (var run in page.Runs) yield return run;
            if (page.NextCursor is null || page.Runs.Count == 0) yield break;
            f = f with { Cursor = page.NextCursor };
        }
    }

    public Task<RunDetail> GetRunAsync(long id, CancellationToken ct = default) => GetAsync<RunDetail>($"runs/{id}", ct);

    /// <summary>The run's captured logs as plain text (empty when it logged nothing).</summary>
    public Task<string> GetRunLogsAsync(long id, CancellationToken ct = default) => GetTextAsync($"runs/{id}/logs", ct);

    /// <summary>Cancels a waiting run or asks a running one to stop; 409 <c>run.already_finished</c> when it ended.</summary>
    public Task<CancelResult> CancelRunAsync(long id, string? reason = null, CancellationToken ct = default) =>
        SendJsonAsync<CancelResult>(HttpMethod.Post, $"runs/{id}/cancel", new CancelBody(reason), ct);

    /// <summary>Queues a new run with the parameters of a finished one.</summary>
    public Task<RetryResult> RetryRunAsync(long id, CancellationToken ct = default) =>
        SendJsonAsync<RetryResult>(HttpMethod.Post, $"runs/{id}/retry", null, ct);

    private sealed record CancelBody(string? Reason);
}
