using Rota.Benchmarks.Cli;

namespace Rota.Benchmarks.Scenarios;

/// <summary>Options of the idle scenario (peer-baselines.md section C).</summary>
internal sealed record IdleSettings(int Schedules, int Seconds, int Warmup)
{
    public static IdleSettings From(BenchArgs args) => new(
        args.Int("schedules", 1_000),
        args.Int("seconds", 60),
        // Steady state: tiered compilation re-compiles once-a-second code during the first ~2 minutes, a one-off cost
        // (--warmup 10 shows it; docs/benchmarks.md).
        args.Int("warmup", 150, min: 0));

    public override string ToString() =>
        $"{Schedules:N0} recurring schedules that do not fire during the run (midnight on the 1st of a month ~6 months away) · warm-up {Warmup} s · window {Seconds} s";
}
