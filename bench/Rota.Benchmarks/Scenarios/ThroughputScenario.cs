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
    public const double TargetRatioVsFasterPgPeer = 30;
    public const double TargetCommitsPerJob = 0.1;

    private static readonly IReadOnlyList<string> Supported = [.. SystemCatalog.All, .. SystemCatalog.Postgres];

    public async Task<int> RunParentAsync(BenchArgs args)
    {
        var settings = ThroughputSettings.From(args);
        var systems = SystemCatalog.Select(args.Text("system", "all"), Supported, "throughput");
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
                    $"run {r}/{settings.Repeat} {system,-16} enqueue {s.EnqueueRate,9:N0}/s ({s.EnqueueSeconds:N2} s) · processing {s.ProcessingRate,9:N0}/s ({s.ProcessingSeconds:N2} s) · e2e {s.EndToEndRate,9:N0}/s · CPU {s.CpuSecondsPer1k:N3} s/1k{(double.IsFinite(s.PgCommits) ? $" · PG commits/job {s.CommitsPerJob:N3}" : "")} · RSS {s.RssMiB:N0} MiB · completed {s.Completed:N0}/{s.Jobs:N0}"));
                if (!s.Complete) { ok = false; Console.WriteLine($"  ! {system}: only {s.Completed:N0} of {s.Jobs:N0} jobs completed successfully"); }
                samples[system].Add(s);
            }
        }
        Console.WriteLine();
        PrintTable(systems, samples, systemOptions.Nodes);
        return ok ? 0 : 1;
    }

    public async Task<object> RunChildAsync(IBenchSystem system, BenchArgs args)
    {
        var settings = ThroughputSettings.From(args);
        using var dir = new WorkDirectory(system.Name);
        await using var pg = system.UsesPostgres ? await PgDatabase.CreateAsync(system.Name) : null;
        var target = await system.CreateThroughputAsync(new BenchPlace(dir.Path, pg), settings.Workers);
        var stopped = false;
        try
        {
            var profile = RuntimeProfile.Begin();
            var start = ProcessSnapshot.Take();
            await target.EnqueueAsync(settings.Jobs, settings.EnqueueBatch);
            var enqueued = ProcessSnapshot.Take();
            PgCounters? before = null;
            if (pg is not null)
            {
                // Let every backend flush its statistics, so enqueue commits stay out of the processing window.
                await Task.Delay(PgDatabase.StatsFlushWait);
                before = await pg.CountersAsync();
            }
            var resumed = ProcessSnapshot.Take();
            var helpersBefore = target.HelperCpu;
            await target.StartAsync();
            var deadline = Stopwatch.StartNew();
            while (!await target.IsDrainedAsync())
            {
                if (deadline.Elapsed.TotalSeconds > settings.TimeoutSeconds - 30)
                    throw new TimeoutException($"{system.Name}: jobs not drained after {deadline.Elapsed.TotalSeconds:N0} s");
                // On PostgreSQL the drained check is a query on the server under test: poll it less often so the
                // harness does not compete with the system it measures (±25 ms on a multi-second window).
                await Task.Delay(pg is null ? 10 : 50);
            }
            var drained = ProcessSnapshot.Take();
            var helpers = (target.HelperCpu - helpersBefore).TotalSeconds;
            profile?.End("enqueue+processing", settings.Jobs, "job");
            var completed = await target.CompletedAsync();
            var commits = double.NaN;
            if (pg is not null && before is not null)
            {
                // Stop the system (its shutdown's few commits are counted), wait for the last flush, read again.
                stopped = true;
                await target.DisposeAsync();
                await Task.Delay(PgDatabase.StatsFlushWait);
                commits = (await pg.CountersAsync()).CommitsSince(before);
            }
            var cpu = enqueued.CpuSecondsSince(start) + drained.CpuSecondsSince(resumed) + helpers;
            return new ThroughputSample(settings.Jobs, enqueued.WallSecondsSince(start), drained.WallSecondsSince(resumed),
                cpu, completed, drained.WorkingSetMiB, drained.Threads, commits);
        }
        finally
        {
            if (!stopped) await target.DisposeAsync();
        }
    }

    private static void PrintTable(IReadOnlyList<string> systems, Dictionary<string, List<ThroughputSample>> samples, int nodes)
    {
        Dictionary<string, double> Median(Func<ThroughputSample, double> f) =>
            systems.ToDictionary(s => s, s => Percentiles.Median(samples[s].Select(f)));
        var e2e = Median(s => s.EndToEndRate);
        var primary = ComparisonTable.PrimaryOf(systems);
        var rota = primary is null ? double.NaN : e2e.GetValueOrDefault(primary, double.NaN);
        // Rota/SQLite is held to 20× Quartz/SQLite; Rota/PostgreSQL to 30× the faster PostgreSQL peer (issue 4).
        var onPg = primary == SystemCatalog.RotaPg;
        var peers = onPg ? [SystemCatalog.QuartzPg, SystemCatalog.HangfirePg] : new[] { SystemCatalog.QuartzSqlite };
        var peer = peers.Select(p => e2e.GetValueOrDefault(p, double.NaN)).Where(double.IsFinite).DefaultIfEmpty(double.NaN).Max();
        var ratioTarget = onPg ? TargetRatioVsFasterPgPeer : TargetRatioVsQuartz;
        var peerName = onPg ? "the faster PostgreSQL peer" : "Quartz.NET/SQLite";
        bool? e2ePass = double.IsFinite(rota) ? rota >= TargetEndToEnd : null;
        bool? ratioPass = double.IsFinite(rota) && double.IsFinite(peer) ? rota / peer >= ratioTarget : null;
        var table = new ComparisonTable(systems, nodes);
        table.Add("enqueue jobs/s", Median(s => s.EnqueueRate), Figures.Int);
        table.Add("processing jobs/s", Median(s => s.ProcessingRate), Figures.Int);
        table.Add("end-to-end jobs/s", e2e, Figures.Int, "≥ 5,000", e2ePass);
        table.Add("CPU-s / 1k jobs (app)", Median(s => s.CpuSecondsPer1k), Figures.Dec3);
        var commitsPerJob = Median(s => s.CommitsPerJob);
        bool? commitsPass = onPg && double.IsFinite(commitsPerJob.GetValueOrDefault(SystemCatalog.RotaPg, double.NaN))
            ? commitsPerJob[SystemCatalog.RotaPg] <= TargetCommitsPerJob : null;
        if (systems.Any(SystemCatalog.Postgres.Contains))
            table.Add("PG commits / job (processing)", commitsPerJob, Figures.Dec3, onPg ? "≤ 0.1" : "", commitsPass);
        table.Add("RSS MiB at end", Median(s => s.RssMiB), Figures.Int);
        table.Add("runs (all jobs completed)", systems.ToDictionary(s => s, s => (double)samples[s].Count(x => x.Complete)), Figures.Int, ratio: false);
        Console.WriteLine(table.Render());
        Console.WriteLine($"Target: Rota end-to-end ≥ {TargetEndToEnd:N0} jobs/s → {Figures.Int(rota)} {Figures.Verdict(e2ePass)}");
        Console.WriteLine($"Target: Rota end-to-end ≥ {ratioTarget:N0}× {peerName} → {Figures.Ratio(rota, peer)} {Figures.Verdict(ratioPass)}");
        if (onPg) Console.WriteLine($"Target: Rota PostgreSQL commits per job ≤ {TargetCommitsPerJob} → {Figures.Dec3(commitsPerJob.GetValueOrDefault(SystemCatalog.RotaPg, double.NaN))} {Figures.Verdict(commitsPass)}");
    }
}
