using Rota.Benchmarks.Child;
using Rota.Benchmarks.Systems.Rota;
using Rota.Benchmarks.Scenarios;

namespace Rota.Benchmarks.Cli;

/// <summary>Entry point: a scenario verb (the parent) or the hidden <c>child</c> verb (one system in its own process).</summary>
internal static class BenchCommand
{
    public const string Usage = """
        usage: Rota.Benchmarks <scenario> [options]
          throughput [--jobs 20000] [--workers 10] [--repeat 3] [--enqueue-batch 1000] [--system rota|quartz-sqlite|hangfire-memory|all]
          precision  [--schedules 200] [--seconds 60] [--warmup 5] [--workers 10] [--system rota|quartz-sqlite|all]
          idle       [--schedules 1000] [--seconds 60] [--warmup 150] [--system rota|quartz-sqlite|hangfire-memory|bare|all]
          feeds      [--repeat 5] [--large-entries 500] [--corpus DIR (default $ROTA_FEED_CORPUS or ../shared/corpus/feedparser)]
                     (Rota vs Python feedparser, via /usr/bin/python3 or $ROTA_PYTHON, and System.ServiceModel.Syndication)
          api        [--runs 1000000] [--seconds 15] [--warmup 20] [--connections 32] [--threads 2] [--store sqlite|postgres|all] [--hangfire-jobs 10000]
                     (real `rota serve` under wrk vs Hangfire's dashboard JSON; PostgreSQL from $ROTA_BENCH_PG or $ROTA_TEST_PG; needs apt-get install -y wrk)
          dashboard  [--runs 1000000] [--samples 30] [--store sqlite|postgres] [--hangfire-jobs 10000]
                     (overview, runs and task pages of a real `rota serve`: server time and page weight, beside Hangfire's dashboard)
          crawl      [--feeds 10000] [--items 20] [--parallel 16]
                     (SourceCrawler over N synthetic RSS feeds on a loopback Kestrel, SQLite store; pass 1 all 200, pass 2 all 304)
          crawl-schedule [--sources 20] [--weeks 6] [--backlog 20] [--seed 42]
                     (fixed vs adaptive vs predictive crawl scheduling replayed on synthetic posting habits, in virtual time:
                     fetches/day and mean/p95 delay from publication to discovery)
          PostgreSQL (throughput, precision, idle): --system rota-pg|quartz-pg|hangfire-pg|pg (a comma list works) and
                     [--nodes N] (rota-pg as N engines in N processes on one database); server from $ROTA_BENCH_PG or
                     $ROTA_TEST_PG, a fresh database per run; adds PG commits/job and PG transactions/min/node.
        Every scenario: [--quartz-journal wal|delete] (SQLite journal of Quartz's file; default delete, Quartz's out-of-the-box setting as in peer-baselines.md; wal for a tuned Quartz)
        Each system runs in its own child process; ROTA_BENCH_PROFILE=1 prints GC and allocation figures per child.
        """;

    public static async Task<int> RunAsync(string[] argv)
    {
        try
        {
            var args = BenchArgs.Parse(argv);
            IScenario? scenario = args.Verb switch
            {
                "throughput" => new ThroughputScenario(),
                "precision" => new PrecisionScenario(),
                "idle" => new IdleScenario(),
                "feeds" => new FeedsScenario(),
                "api" => new Api.ApiScenario(),
                "crawl" => new Crawl.CrawlScenario(),
                "dashboard" => new Dashboard.DashboardScenario(),
                "crawl-schedule" => new Schedule.CrawlScheduleScenario(),
                _ => null,
            };
            if (args.Verb == ChildEntry.Verb) return await ChildEntry.RunAsync(args);
            if (args.Verb == RotaNodeEntry.Verb) return await RotaNodeEntry.RunAsync(args);
            if (args.Verb == Api.HangfireDashboardHost.Verb) return await Api.HangfireDashboardHost.RunAsync(args.Int("jobs", 10_000));
            if (scenario is null)
            {
                Console.WriteLine(Usage);
                return args.Verb is "help" or "--help" or "-h" ? 0 : 2;
            }
            return await scenario.RunParentAsync(args);
        }
        catch (UsageException ex)
        {
            Console.Error.WriteLine("bench: " + ex.Message);
            Console.Error.WriteLine(Usage);
            return 2;
        }
    }
}
