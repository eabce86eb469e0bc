namespace Rota.Benchmarks.Scenarios;

/// <summary>One idle run of one system: CPU over the window, RSS and threads at its end, fires seen (should be 0).</summary>
internal sealed record IdleSample(double CpuPercent, double CpuSeconds, double WindowSeconds, double RssMiB, int Threads, int Fires);
