using Rota.Benchmarks.Stats;

namespace Rota.Benchmarks.Scenarios;

/// <summary>One precision run of one system: the fire analysis, plus CPU and threads over the window.</summary>
internal sealed record PrecisionSample(PrecisionAnalysis Analysis, double CpuPercent, int Threads, double RssMiB);
