namespace Rota.Benchmarks.Api;

/// <summary>What wrk measured: requests per second, latency percentiles (ms), and responses that were not 2xx.</summary>
internal sealed record WrkResult(double RequestsPerSecond, double P50Ms, double P99Ms, long Requests, long Non2xx, long SocketErrors);
