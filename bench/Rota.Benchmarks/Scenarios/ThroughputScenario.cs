using System.Diagnostics;
using System.Globalization;
using Rota.Benchmarks.Child;
using Rota.Benchmarks.Cli;
using Rota.Benchmarks.Measure;
using Rota.Benchmarks.Report;
using Rota.Benchmarks.Stats;
using Rota.Benchmarks.Systems;

namespace Rota.Benchmarks.Scenarios;

/// <summary>
/// Throughput: N no-op jobs enqueued into a fresh store while nothing processes, then processing starts; timed from
/// start until the store records the last job as completed. Repeats alternate the systems (r1: A B C, r2: A B C …)
/// so that drift on a shared machine hits all of them; figures are medians over repeats.
/// </summary>
internal sealed class ThroughputScenario : IScenario
{
    public const double TargetEndToEnd = 5_000;
    public const double TargetRatioVsQuartz = 20;

    public async Task<int> RunParentAsync(BenchArgs args)
    {
        var settings = ThroughputSettings.From(args);
        var systems = SystemCatalog.Select(args.Text("system", "all"), SystemCatalog.All, "throughput");
        var systemOptions = SystemOptions.From(args);
        args.RejectUnknown();
        RunHeader.Print("throughput", $"{settings} · {systemOptions}");
        var samples = systems.ToDictionary(s => s, _ => new List<ThroughputSample>());
        var ok = true;
        for (var r = 1; r <= settings.Repeat; r++)
        {
            foreach (var system in systems)
            {
                var s = await ChildLauncher.RunOrReportAsync<ThroughputSample>("throughput", system, args.Forward(), TimeSpan.FromSeconds(settings.TimeoutSeconds));
                if (s is null) { ok = false; continue; }
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"run {r}/{settings.Repeat} {system,-16} enqueue {s.EnqueueRate,9:N0}/s ({s.EnqueueSeconds:N2} s) · processing {s.ProcessingRate,9:N0}/s ({s.ProcessingSeconds:N2} s) · e2e {s.EndToEndRate,9:N0}/s · CPU {s.CpuSecondsPer1k:N3} s/1k · RSS {s.RssMiB:N0} MiB · completed {s.Completed:N0}/{s.Jobs:N0}"));
                if (!s.Complete) { ok = false; Console.WriteLine($"  ! {system}: only {s.Completed:N0} of {s.Jobs:N0} jobs completed successfully"); }
                samples[system].Add(s);
            }
        }
        Console.WriteLine();
        PrintTable(systems, samples);
        return ok ? 0 : 1;
    }

    public async Task<object> RunChildAsync(IBenchSystem system, BenchArgs args)
    {
        var settings = ThroughputSettings.From(args);
        using var dir = new WorkDirectory(system.Name);
        await using var target = await system.CreateThroughputAsync(dir.Path, settings.Workers);
        var profile = RuntimeProfile.Begin();
        var start = ProcessSnapshot.Take();
        await target.EnqueueAsync(settings.Jobs, settings.EnqueueBatch);
        var enqueued = ProcessSnapshot.Take();
        await target.StartAsync();
        var deadline = Stopwatch.StartNew();
        while (!await target.IsDrainedAsync())
        {
            if (deadline.Elapsed.TotalSeconds > settings.TimeoutSeconds - 30)
                throw new TimeoutException($"{system.Name}: jobs not drained after {deadline.Elapsed.TotalSeconds:N0} s");
            await Task.Delay(10);
        }
        var drained = ProcessSnapshot.Take();
        profile?.End("enqueue+processing", settings.Jobs, "job");
        var completed = await target.CompletedAsync();
        return new ThroughputSample(settings.Jobs, enqueued.WallSecondsSince(start), drained.WallSecondsSince(enqueued),
            drained.CpuSecondsSince(start), completed, drained.WorkingSetMiB, drained.Threads);
    }

    private static void PrintTable(IReadOnlyList<string> systems, Dictionary<string, List<ThroughputSample>> samples)
    {
        Dictionary<string, double> Median(Func<ThroughputSample, double> f) =>
            systems.ToDictionary(s => s, s => Percentiles.Median(samples[s].Select(f)));
        var e2e = Median(s => s.EndToEndRate);
        var rota = e2e.GetValueOrDefault(SystemCatalog.Rota, double.NaN);
        var quartz = e2e.GetValueOrDefault(SystemCatalog.QuartzSqlite, double.NaN);
        bool? e2ePass = double.IsFinite(rota) ? rota >= TargetEndToEnd : null;
        bool? ratioPass = double.IsFinite(rota) && double.IsFinite(quartz) ? rota / quartz >= TargetRatioVsQuartz : null;
        var table = new ComparisonTable(systems);
        table.Add("enqueue jobs/s", Median(s => s.EnqueueRate), Figures.Int);
        table.Add("processing jobs/s", Median(s => s.ProcessingRate), Figures.Int);
        table.Add("end-to-end jobs/s", e2e, Figures.Int, "≥ 5,000", e2ePass);
        table.Add("CPU-s / 1k jobs", Median(s => s.CpuSecondsPer1k), Figures.Dec3);
        table.Add("RSS MiB at end", Median(s => s.RssMiB), Figures.Int);
        table.Add("runs (all jobs completed)", systems.ToDictionary(s => s, s => (double)samples[s].Count(x => x.Complete)), Figures.Int, ratio: false);
        Console.WriteLine(table.Render());
        Console.WriteLine($"Target: Rota end-to-end ≥ {TargetEndToEnd:N0} jobs/s → {Figures.Int(rota)} {Figures.Verdict(e2ePass)}");
        Console.WriteLine($"Target: Rota end-to-end ≥ {TargetRatioVsQuartz:N0}× Quartz.NET/SQLite → {Figures.Ratio(rota, quartz)} {Figures.Verdict(ratioPass)}");
    }
}
