namespace Rota.Benchmarks.Scenarios;

/// <summary>One throughput run of one system (one child process, plus the other nodes' processes with <c>--nodes</c>).
/// CPU covers enqueue + processing on every node. <paramref name="PgCommits"/>: pg_stat_database commits of the run's
/// database over the processing window (NaN for embedded stores).</summary>
internal sealed record ThroughputSample(int Jobs, double EnqueueSeconds, double ProcessingSeconds, double CpuSeconds,
    long Completed, double RssMiB, int Threads, double PgCommits = double.NaN)
{
    public double CommitsPerJob => PgCommits / Jobs;
    public double EnqueueRate => Jobs / EnqueueSeconds;
    public double ProcessingRate => Jobs / ProcessingSeconds;
    public double EndToEndRate => Jobs / (EnqueueSeconds + ProcessingSeconds);
    public double CpuSecondsPer1k => CpuSeconds / (Jobs / 1000.0);
    public bool Complete => Completed == Jobs;
}
