using Rota.Benchmarks.Cli;

namespace Rota.Benchmarks.Scenarios;

/// <summary>Options of the precision scenario (peer-baselines.md section B, every-second row).</summary>
internal sealed record PrecisionSettings(int Schedules, int Seconds, int Warmup, int Workers, int Drain)
{
    public static PrecisionSettings From(BenchArgs args) => new(
        args.Int("schedules", 200),
        args.Int("seconds", 60),
        args.Int("warmup", 5, min: 0),
        args.Int("workers", 10),
        args.Int("drain", 3));

    public override string ToString() =>
        $"{Schedules} schedules, cron every second · window {Seconds} s after a {Warmup} s warm-up (not counted) · occurrences in the window may start up to {Drain} s after it · workers {Workers}";
}
