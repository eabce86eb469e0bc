using Rota.Storage.Postgres;

namespace Rota.Cli.Commands;

/// <summary>
/// <c>rota serve</c> on PostgreSQL waits for the server instead of failing when it is unreachable at start (a node
/// started with, or just before, its database — a container platform's usual order), retrying with backoff and
/// saying so. Errors that waiting cannot fix (authentication, a missing database) end the start at once.
/// </summary>
internal static class StoreWait
{
    private static readonly TimeSpan FirstRetry = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan MaxRetry = TimeSpan.FromSeconds(15);

    /// <summary>Returns once the server answers; throws <c>store.unavailable</c> after <paramref name="limit"/>
    /// (null: wait until stopped).</summary>
    public static async Task UntilReachableAsync(StoreChoice store, TextWriter log, TimeSpan? limit, CancellationToken ct)
    {
        var started = TimeProvider.System.GetTimestamp();
        var retry = FirstRetry;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var probe = await PostgresStore.OpenAsync(store.Connection!, store.Schema, notifications: false, ct: ct);
                if (attempt > 1) await log.WriteLineAsync($"rota: {store.Describe()} answers now; starting");
                return;
            }
            catch (RotaException ex) when (ex.IsTransient)
            {
                var waited = TimeProvider.System.GetElapsedTime(started);
                if (limit is { } max && waited + retry > max)
                    throw new RotaException("store.unavailable",
                        $"store: {store.Describe()} did not answer within {Rota.Configuration.DurationText.Format(max)} (ROTA_STORE_WAIT): {ex.Message}", isTransient: true, inner: ex);
                // Every attempt while it is short, then about once a minute, so a long outage does not flood the log.
                if (attempt <= 5 || attempt % 4 == 0)
                    await log.WriteLineAsync($"rota: waiting for {store.Describe()} ({ex.Message}); retrying in {retry.TotalSeconds:0.#} s — Ctrl+C stops, ROTA_STORE_WAIT limits the wait");
                await Task.Delay(retry, ct);
                retry = retry * 2 < MaxRetry ? retry * 2 : MaxRetry;
            }
        }
    }
}
