using System.Globalization;
using Rota.Benchmarks.Child;
using Rota.Benchmarks.Cli;
using Rota.Benchmarks.Measure;
using Rota.Benchmarks.Report;
using Rota.Benchmarks.Stats;
using Rota.Benchmarks.Systems;

namespace Rota.Benchmarks.Scenarios;

/// <summary>
/// Fire precision: N schedules firing every second; for every fire, lateness = handler start (wall clock) − nominal
/// occurrence. Counted over a window after a warm-up; missed and duplicated occurrences are counted per schedule.
/// </summary>
internal sealed class PrecisionScenario : IScenario
{
    public const double TargetP99Ms = 50;

    // Hangfire is left out: its recurring jobs are polled every 15 s, so every-second lateness means nothing.
    private static readonly IReadOnlyList<string> Supported = [SystemCatalog.Rota, SystemCatalog.QuartzSqlite, SystemCatalog.RotaPg, SystemCatalog.QuartzPg];

    public async Task<int> RunParentAsync(BenchArgs args)
    {
        var settings = PrecisionSettings.From(args);
        var systems = SystemCatalog.Select(args.Text("system", "all"), Supported, "precision");
        var systemOptions = SystemOptions.From(args);
        args.RejectUnknown();
        RunHeader.Print("precision", $"{settings} · {systemOptions}");
        var results = new Dictionary<string, PrecisionSample>();
        var ok = true;
        foreach (var system in systems)
        {
            var limit = TimeSpan.FromSeconds(settings.Warmup + settings.Seconds + settings.Drain + 300);
            var s = await ChildLauncher.RunOrReportAsync<PrecisionSample>("precision", system, args.Forward(), limit);
            if (s is null) { ok = false; continue; }
            var a = s.Analysis;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{system,-16} fires {a.Fires:N0}/{a.Expected:N0} · missed {a.Missed} · duplicates {a.Duplicates} · p50 {a.P50Ms:N1} ms · p99 {a.P99Ms:N1} ms · max {a.MaxMs:N1} ms · min {a.MinMs:N1} ms · CPU {s.CpuPercent:N1} %"));
            results[system] = s;
        }
        Console.WriteLine();
        PrintTable(systems, results, systemOptions.Nodes);
        return ok ? 0 : 1;
    }

    public async Task<object> RunChildAsync(IBenchSystem system, BenchArgs args)
    {
        var settings = PrecisionSettings.From(args);
        var recorder = FireRecorder.Shared;
        using var dir = new WorkDirectory(system.Name);
        await using var pg = system.UsesPostgres ? await PgDatabase.CreateAsync(system.Name) : null;
        var target = await system.CreateSchedulesAsync(new BenchPlace(dir.Path, pg), settings.Workers, ScheduleKind.EverySecond, settings.Schedules, recorder);
        PrecisionAnalysis analysis;
        ProcessSnapshot before, after;
        double helpers;
        await using (target)
        {
            var time = TimeProvider.System;
            await target.StartAsync();
            var from = time.GetUtcNow().AddSeconds(settings.Warmup);
            var to = from.AddSeconds(settings.Seconds);
            await Task.Delay(from - time.GetUtcNow());
            before = ProcessSnapshot.Take();
            var helpersBefore = target.HelperCpu;
            var profile = RuntimeProfile.Begin();
            await Task.Delay(to - time.GetUtcNow());
            after = ProcessSnapshot.Take();
            helpers = (target.HelperCpu - helpersBefore).TotalSeconds;
            profile?.End("window", (long)settings.Schedules * settings.Seconds, "fire");
            await Task.Delay(TimeSpan.FromSeconds(settings.Drain));
            await target.CollectFiresAsync();
            analysis = PrecisionAnalysis.Analyze(recorder.Snapshot(), ScheduleKeys.All(settings.Schedules), from, to);
            // ROTA_BENCH_FIRES_CSV=path writes every fire (key, nominal, lateness) for a closer look at the tail.
            if (Environment.GetEnvironmentVariable("ROTA_BENCH_FIRES_CSV") is { Length: > 0 } csv)
                await File.WriteAllLinesAsync(csv, recorder.Snapshot().Select(f =>
                    string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{f.Key},{f.Nominal:O},{f.LatenessMs:F3}")));
        }
        // CPU of every node together (one process unless --nodes).
        var cpuPercent = 100.0 * (after.CpuSecondsSince(before) + helpers) / after.WallSecondsSince(before);
        return new PrecisionSample(analysis, cpuPercent, after.Threads, after.WorkingSetMiB);
    }

    private static void PrintTable(IReadOnlyList<string> systems, Dictionary<string, PrecisionSample> results, int nodes)
    {
        Dictionary<string, double> Of(Func<PrecisionSample, double> f) =>
            results.ToDictionary(kv => kv.Key, kv => f(kv.Value));
        var primary = ComparisonTable.PrimaryOf(systems);
        var rota = primary is null ? null : results.GetValueOrDefault(primary);
        bool? p99Pass = rota is null ? null : rota.Analysis.P99Ms <= TargetP99Ms;
        bool? missedPass = rota is null ? null : rota.Analysis.Missed == 0 && rota.Analysis.Duplicates == 0;
        var table = new ComparisonTable(systems, nodes);
        table.Add("fires observed", Of(s => s.Analysis.Fires), Figures.Int, ratio: false);
        table.Add("fires expected", Of(s => s.Analysis.Expected), Figures.Int, ratio: false);
        table.Add("missed", Of(s => s.Analysis.Missed), Figures.Int, "0", missedPass, ratio: false);
        table.Add("duplicates", Of(s => s.Analysis.Duplicates), Figures.Int, "0", missedPass, ratio: false);
        table.Add("lateness p50 ms", Of(s => s.Analysis.P50Ms), Figures.Dec1);
        table.Add("lateness p99 ms", Of(s => s.Analysis.P99Ms), Figures.Dec1, "≤ 50", p99Pass);
        table.Add("lateness max ms", Of(s => s.Analysis.MaxMs), Figures.Dec1);
        table.Add("lateness min ms", Of(s => s.Analysis.MinMs), Figures.Dec1, ratio: false);
        table.Add("CPU % of one core (window, all nodes)", Of(s => s.CpuPercent), Figures.Dec1);
        Console.WriteLine(table.Render());
        Console.WriteLine($"Target: Rota lateness p99 ≤ {TargetP99Ms:N0} ms → {Figures.Dec1(rota?.Analysis.P99Ms ?? double.NaN)} {Figures.Verdict(p99Pass)}");
        Console.WriteLine($"Target: Rota 0 missed, 0 duplicated → {rota?.Analysis.Missed.ToString(CultureInfo.InvariantCulture) ?? "–"} missed, {rota?.Analysis.Duplicates.ToString(CultureInfo.InvariantCulture) ?? "–"} duplicated {Figures.Verdict(missedPass)}");
    }
}
