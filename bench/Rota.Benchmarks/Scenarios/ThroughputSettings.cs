using Rota.Benchmarks.Cli;

namespace Rota.Benchmarks.Scenarios;

/// <summary>Options of the throughput scenario (defaults as in peer-baselines.md section A).</summary>
internal sealed record ThroughputSettings(int Jobs, int Workers, int Repeat, int EnqueueBatch, int TimeoutSeconds)
{
    public static ThroughputSettings From(BenchArgs args) => new(
        args.Int("jobs", 20_000),
        args.Int("workers", 10),
        args.Int("repeat", 3),
        args.Int("enqueue-batch", 1_000),
        args.Int("timeout", 1_200));

    public override string ToString() =>
        $"{Jobs:N0} no-op jobs enqueued first, then processed · workers {Workers} · repeat {Repeat} (medians) · enqueue batch {EnqueueBatch} (Rota EnqueueManyAsync, Quartz ScheduleJobs; Hangfire one by one)";
}
