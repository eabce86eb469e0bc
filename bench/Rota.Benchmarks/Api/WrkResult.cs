namespace Rota.Benchmarks.Api;

/// <summary>What wrk measured: requests per second, latency percentiles (ms), and responses that were not 2xx; with the
/// server's CPU time per request (user + system µs of the serve process over the run / requests), which stays
/// comparable on a shared machine where wall-clock req/s does not.</summary>
internal sealed record WrkResult(double RequestsPerSecond, double P50Ms, double P99Ms, long Requests, long Non2xx, long SocketErrors)
{
    public double? ServerCpuUsPerRequest { get; init; }
}
