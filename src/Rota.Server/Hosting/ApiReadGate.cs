using Microsoft.AspNetCore.Http;
using Rota.Server.Observability;

namespace Rota.Server.Hosting;

/// <summary>
/// Admission control for API reads: at most <see cref="RotaServerOptions.MaxConcurrentApiReads"/> authenticated
/// <c>GET /api/v1/…</c> requests run at once; the rest wait their turn, first come first served. Under overload every
/// request then waits about as long as the others instead of a few losing the race for threads, the store's connections
/// and the CPU again and again — on two cores the runs list's p99 halved for ~10 % fewer requests per second
/// (docs/benchmarks.md, API). The event stream is long-lived and never waits; writes are not gated.
/// </summary>
public sealed class ApiReadGate(RequestDelegate next, RotaServerOptions options)
{
    private readonly SemaphoreSlim? _permits = options.MaxConcurrentApiReads is > 0 and var n ? new SemaphoreSlim(n, n) : null;
    private int _waiting;

    /// <summary>Reads waiting for a permit now (also <c>rota_http_api_reads_waiting</c>, summed over gates).</summary>
    public int Waiting => Volatile.Read(ref _waiting);

    public async Task InvokeAsync(HttpContext http)
    {
        if (_permits is null || !IsGated(http.Request))
        {
            await next(http);
            return;
        }
        if (!_permits.Wait(0)) await WaitForTurnAsync(_permits, http.RequestAborted);
        try
        {
            await next(http);
        }
        finally
        {
            _permits.Release();
        }
    }

    private async Task WaitForTurnAsync(SemaphoreSlim permits, CancellationToken aborted)
    {
        Interlocked.Increment(ref _waiting);
        RotaMetrics.HttpApiReadsWaiting.Inc();
        try
        {
            // SemaphoreSlim hands permits to async waiters in arrival order.
            await permits.WaitAsync(aborted);
        }
        finally
        {
            RotaMetrics.HttpApiReadsWaiting.Dec();
            Interlocked.Decrement(ref _waiting);
        }
    }

    private static bool IsGated(HttpRequest request) =>
        (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
        && request.Path.StartsWithSegments("/api/v1", StringComparison.Ordinal, out var rest)
        && !rest.StartsWithSegments("/events", StringComparison.Ordinal);
}
