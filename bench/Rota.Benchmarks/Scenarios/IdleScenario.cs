using System.Globalization;
using Rota.Benchmarks.Child;
using Rota.Benchmarks.Cli;
using Rota.Benchmarks.Measure;
using Rota.Benchmarks.Report;
using Rota.Benchmarks.Systems;

namespace Rota.Benchmarks.Scenarios;

/// <summary>
/// Idle cost: N recurring schedules registered, nothing due. After a warm-up, CPU time over the window as a percentage
/// of one core; resident set (WorkingSet64) and thread count at the end of the window.
/// </summary>
internal sealed class IdleScenario : IScenario
{
    public const double TargetCpuPercent = 0.3;
    public const double TargetRssMiB = 80;
    public const double TargetPgTransactionsPerMinute = 6;

    /// <summary>The shortest warm-up of a PostgreSQL system: statistics flush lag plus a margin.</summary>
    private static readonly TimeSpan PgWarmup = PgDatabase.StatsFlushWait + TimeSpan.FromSeconds(9);

    public async Task<int> RunParentAsync(BenchArgs args)
    {
        var settings = IdleSettings.From(args);
        var systems = SystemCatalog.Select(args.Text("system", "all"), SystemCatalog.Known, "idle");
        var systemOptions = SystemOptions.From(args);
        args.RejectUnknown();
        RunHeader.Print("idle", $"{settings} · {systemOptions}");
        var results = new Dictionary<string, IdleSample>();
        var ok = true;
        foreach (var system in systems)
        {
            var limit = TimeSpan.FromSeconds(settings.Warmup + settings.Seconds + 300);
            var s = await ChildLauncher.RunOrReportAsync<IdleSample>("idle", system, args.Forward(), limit);
            if (s is null) { ok = false; continue; }
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{system,-16} CPU {s.CpuPercent:N3} % ({s.CpuSeconds:N3} s in {s.WindowSeconds:N1} s) · RSS {s.RssMiB:N1} MiB · threads {s.Threads} · fires {s.Fires}{(double.IsFinite(s.PgTransactionsPerMinute) ? $" · SQL commands/min/node {s.PgCommandsPerMinute:N1} · PG transactions/min/node {s.PgTransactionsPerMinute:N1} (commits {s.PgCommitsPerMinute:N1})" : "")}"));
            if (s.Fires != 0) { ok = false; Console.WriteLine($"  ! {system}: {s.Fires} fires during an idle run"); }
            results[system] = s;
        }
        Console.WriteLine();
        PrintTable(systems, results, systemOptions.Nodes);
        return ok ? 0 : 1;
    }

    public async Task<object> RunChildAsync(IBenchSystem system, BenchArgs args)
    {
        var settings = IdleSettings.From(args);
        var recorder = FireRecorder.Shared;
        using var dir = new WorkDirectory(system.Name);
        await using var pg = system.UsesPostgres ? await PgDatabase.CreateAsync(system.Name) : null;
        await using var target = await system.CreateSchedulesAsync(new BenchPlace(dir.Path, pg), 10, ScheduleKind.Never, settings.Schedules, recorder);
        await target.StartAsync();
        // The same for every system: the set-up's 1,000 rows would make autovacuum run (and be counted) in the window.
        if (pg is not null) await pg.SettleAsync();
        // On PostgreSQL the set-up's commits (1,000 schedules) reach the counters up to 10 s late: warm up past that.
        var warmup = TimeSpan.FromSeconds(settings.Warmup);
        if (pg is not null && warmup < PgWarmup) warmup = PgWarmup;
        await Task.Delay(warmup);
        var counters = pg is null ? null : await pg.CountersAsync();
        using var commands = pg is null ? null : new Measure.NpgsqlCommandCounter();
        var before = ProcessSnapshot.Take();
        var helpersBefore = target.HelperCpu;
        var profile = RuntimeProfile.Begin();
        await Task.Delay(TimeSpan.FromSeconds(settings.Seconds));
        var after = ProcessSnapshot.Take();
        var helpers = (target.HelperCpu - helpersBefore).TotalSeconds;
        profile?.End("idle window");
        var nodes = system.Nodes;
        double transactions = double.NaN, commits = double.NaN, sent = double.NaN;
        if (pg is not null && counters is not null)
        {
            // Backends flush statistics within 10 s of going idle: in a steady state the lag at both ends cancels.
            var sentCount = commands!.Count;
            var end = await pg.CountersAsync();
            var minutes = after.WallSecondsSince(before) / 60;
            transactions = end.TransactionsSince(counters) / minutes / nodes;
            commits = end.CommitsSince(counters) / minutes / nodes;
            // Other nodes run in helper processes this counter does not see: it measures this process's one node.
            sent = sentCount / minutes;
        }
        var cpu = after.CpuSecondsSince(before) + helpers;
        await target.CollectFiresAsync();
        return new IdleSample(100.0 * cpu / after.WallSecondsSince(before) / nodes, cpu / nodes, after.WallSecondsSince(before),
            after.WorkingSetMiB, after.Threads, recorder.Count, transactions, commits, sent);
    }

    private static void PrintTable(IReadOnlyList<string> systems, Dictionary<string, IdleSample> results, int nodes)
    {
        Dictionary<string, double> Of(Func<IdleSample, double> f) => results.ToDictionary(kv => kv.Key, kv => f(kv.Value));
        var primary = ComparisonTable.PrimaryOf(systems);
        var rota = primary is null ? null : results.GetValueOrDefault(primary);
        bool? cpuPass = rota is null ? null : rota.CpuPercent <= TargetCpuPercent;
        bool? rssPass = rota is null ? null : rota.RssMiB <= TargetRssMiB;
        var table = new ComparisonTable(systems, nodes);
        table.Add("CPU % of one core (per node)", Of(s => s.CpuPercent), Figures.Dec3, "≤ 0.3", cpuPass);
        table.Add("RSS MiB", Of(s => s.RssMiB), Figures.Dec1, "≤ 80", rssPass);
        table.Add("threads", Of(s => s.Threads), Figures.Int);
        bool? txPass = primary == SystemCatalog.RotaPg && rota is not null ? rota.PgCommandsPerMinute <= TargetPgTransactionsPerMinute : null;
        if (systems.Any(SystemCatalog.Postgres.Contains))
        {
            table.Add("SQL commands / min / node (Npgsql)", Of(s => s.PgCommandsPerMinute), Figures.Dec1, primary == SystemCatalog.RotaPg ? "≤ 6" : "", txPass);
            table.Add("PG transactions / min / node", Of(s => s.PgTransactionsPerMinute), Figures.Dec1);
            table.Add("PG commits / min / node", Of(s => s.PgCommitsPerMinute), Figures.Dec1);
        }
        table.Add("fires during the run", Of(s => s.Fires), Figures.Int, "0", rota is null ? null : rota.Fires == 0, ratio: false);
        Console.WriteLine(table.Render());
        Console.WriteLine($"Target: Rota CPU ≤ {TargetCpuPercent} % of one core → {Figures.Dec3(rota?.CpuPercent ?? double.NaN)} % {Figures.Verdict(cpuPass)}");
        if (txPass is not null)
            Console.WriteLine($"Target: Rota ≤ {TargetPgTransactionsPerMinute:N0} SQL statements / min / node (commands counted by Npgsql's meter) → {Figures.Dec1(rota!.PgCommandsPerMinute)} (PG transactions {Figures.Dec1(rota.PgTransactionsPerMinute)}) {Figures.Verdict(txPass)}");
        Console.WriteLine($"Target: Rota RSS ≤ {TargetRssMiB:N0} MiB → {Figures.Dec1(rota?.RssMiB ?? double.NaN)} MiB {Figures.Verdict(rssPass)}");
    }
}
