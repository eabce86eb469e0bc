namespace Rota.Benchmarks.Scenarios;

/// <summary>One throughput run of one system (one child process). CPU covers enqueue + processing.</summary>
internal sealed record ThroughputSample(int Jobs, double EnqueueSeconds, double ProcessingSeconds, double CpuSeconds,
    long Completed, double RssMiB, int Threads)
{
    public double EnqueueRate => Jobs / EnqueueSeconds;
    public double ProcessingRate => Jobs / ProcessingSeconds;
    public double EndToEndRate => Jobs / (EnqueueSeconds + ProcessingSeconds);
    public double CpuSecondsPer1k => CpuSeconds / (Jobs / 1000.0);
    public bool Complete => Completed == Jobs;
}
