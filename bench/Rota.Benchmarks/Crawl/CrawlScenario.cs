using System.Diagnostics;
using System.Globalization;
using Rota.Benchmarks.Cli;
using Rota.Benchmarks.Measure;
using Rota.Benchmarks.Report;
using Rota.Benchmarks.Scenarios;
using Rota.Benchmarks.Systems;
using Rota.Crawler;
using Rota.Crawler.Crawling;
using Rota.Crawler.Fetching;
using Rota.Crawler.Sources;
using Rota.Storage;
using Rota.Storage.Sqlite;

namespace Rota.Benchmarks.Crawl;

/// <summary>
/// Issue 5's crawl benchmark, in process: a loopback Kestrel serves N synthetic RSS feeds, N sources of one owner go into
/// a fresh SQLite store, and <see cref="SourceCrawler"/> crawls them all twice (pass 1: every feed 200 and its items
/// stored; pass 2: every feed 304). Targets: pass 1 ≤ 60 s, pass 2 ≤ 15 s, peak RSS ≤ 400 MiB, 0 failures.
/// The server runs in the same process, so the RSS figure includes it.
/// </summary>
internal sealed class CrawlScenario : IScenario
{
    public const string Owner = "bench";
    private const double Pass1TargetSeconds = 60, Pass2TargetSeconds = 15, RssTargetMiB = 400;

    public async Task<int> RunParentAsync(BenchArgs args)
    {
        var settings = CrawlSettings.From(args);
        args.RejectUnknown();
        RunHeader.Print("crawl", settings.ToString());
        using var dir = new WorkDirectory("crawl");
        await using var server = await SyntheticFeedServer.StartAsync(settings.Feeds, settings.ItemsPerFeed);
        await using var store = await SqliteStore.OpenAsync(dir.File("rota.db"));
        await store.MigrationUp(new MigrationUpParams(TimeProvider.System.GetUtcNow()));

        var seed = Stopwatch.StartNew();
        await SeedAsync(store, server, settings);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"seeded {settings.Feeds:N0} sources in {seed.Elapsed.TotalSeconds:N1} s · server {server.BaseUrl}"));

        // A benchmark host: one host serves every feed, so the polite per-host limits (2 in flight, 1 s apart) would
        // measure the throttle, not the crawler. Real crawls keep FetchOptions' defaults.
        var options = new CrawlerOptions
        {
            AllowLoopback = true,
            MaxParallelSources = settings.Parallel,
            Fetch = FetchOptions.Default with { MaxConcurrentPerHost = settings.Parallel, MinIntervalPerHost = TimeSpan.Zero },
        };
        using var fetcher = CrawlerRotaBuilderExtensions.CreateFetcher(options, TimeProvider.System);
        var crawler = new SourceCrawler(store, fetcher, options, TimeProvider.System);

        var pass1 = await RunPassAsync("pass 1 (200, items stored)", crawler, server);
        var pass2 = await RunPassAsync("pass 2 (304)", crawler, server);
        using var self = Process.GetCurrentProcess();
        self.Refresh();
        var peakMiB = self.PeakWorkingSet64 / (1024.0 * 1024.0);
        Console.WriteLine();
        PrintTable(settings, pass1, pass2, peakMiB, DatabaseMiB(dir));
        return 0; // a MISS is a figure, not an error (as in the other scenarios)
    }

    public Task<object> RunChildAsync(IBenchSystem system, BenchArgs args) =>
        throw new NotSupportedException("the crawl scenario runs in process");

    private static async Task SeedAsync(IRotaStore store, SyntheticFeedServer server, CrawlSettings settings)
    {
        var now = TimeProvider.System.GetUtcNow();
        var interval = (int)new CrawlerOptions().DefaultPollInterval.TotalSeconds;
        for (var i = 0; i < settings.Feeds; i++)
        {
            var url = server.Url(i);
            var normalized = UrlNormalizer.Normalize(new Uri(url));
            await store.SourceUpsert(new SourceUpsertParams(Owner, $"Synthetic feed {i}", "feed", url, url, normalized, interval, now));
        }
    }

    private static async Task<CrawlPass> RunPassAsync(string name, SourceCrawler crawler, SyntheticFeedServer server)
    {
        var (ok0, nm0) = (server.Ok, server.NotModified);
        CrawlSummary summary;
        double seconds, peak;
        await using (var rss = new RssSampler())
        {
            var sw = Stopwatch.StartNew();
            summary = await crawler.CrawlAsync(new CrawlRequest { Owner = Owner, Scope = CrawlScope.All });
            seconds = sw.Elapsed.TotalSeconds;
            peak = rss.PeakMiB;
        }
        var pass = new CrawlPass(name, seconds, summary.SourcesCrawled, summary.Successful, summary.Failed, summary.Partial,
            summary.ItemsNew, server.Ok - ok0, server.NotModified - nm0, peak);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name}: {pass.Seconds:N2} s · {pass.FeedsPerSecond:N0} feeds/s · {pass.Successful:N0} ok, {pass.Failed:N0} failed, {pass.Partial:N0} partial · {pass.ItemsNew:N0} new items · served {pass.Served200:N0}×200, {pass.Served304:N0}×304 · peak RSS {pass.PeakRssMiB:N1} MiB"));
        foreach (var failed in summary.Results.Where(r => r.ErrorCode is not null).Take(5))
            Console.WriteLine($"  failed: {failed.Url}: {failed.ErrorCode}: {failed.ErrorMessage}");
        return pass;
    }

    private static void PrintTable(CrawlSettings settings, CrawlPass p1, CrawlPass p2, double peakMiB, double dbMiB)
    {
        var table = new Table("metric", "pass 1 (200)", "pass 2 (304)", "target", "result");
        table.AddRow("wall time, s", Figures.Dec2(p1.Seconds), Figures.Dec2(p2.Seconds), $"≤ {Pass1TargetSeconds:N0} / ≤ {Pass2TargetSeconds:N0}",
            Figures.Verdict(p1.Seconds <= Pass1TargetSeconds && p2.Seconds <= Pass2TargetSeconds));
        table.AddRow("feeds/s", Figures.Int(p1.FeedsPerSecond), Figures.Int(p2.FeedsPerSecond), "", "");
        table.AddRow("items stored (new)", Figures.Int(p1.ItemsNew), Figures.Int(p2.ItemsNew), Figures.Int((double)settings.Feeds * settings.ItemsPerFeed) + " / 0",
            Figures.Verdict(p1.ItemsNew == settings.Feeds * settings.ItemsPerFeed && p2.ItemsNew == 0));
        table.AddRow("responses 200 / 304", $"{Figures.Int(p1.Served200)} / {Figures.Int(p1.Served304)}", $"{Figures.Int(p2.Served200)} / {Figures.Int(p2.Served304)}", "", "");
        table.AddRow("failures (failed + partial)", Figures.Int(p1.Failed + p1.Partial), Figures.Int(p2.Failed + p2.Partial), "0",
            Figures.Verdict(p1.Failed + p1.Partial + p2.Failed + p2.Partial == 0));
        table.AddRow("peak RSS in pass, MiB (50 ms samples)", Figures.Dec1(p1.PeakRssMiB), Figures.Dec1(p2.PeakRssMiB), "", "");
        table.AddRow("peak RSS of the process, MiB (VmHWM)", Figures.Dec1(peakMiB), "", $"≤ {RssTargetMiB:N0}", Figures.Verdict(peakMiB <= RssTargetMiB));
        table.AddRow("SQLite files after both passes, MiB", Figures.Dec1(dbMiB), "", "", "");
        Console.WriteLine(table.Render());
    }

    private static double DatabaseMiB(WorkDirectory dir) =>
        Directory.EnumerateFiles(dir.Path).Sum(f => new FileInfo(f).Length) / (1024.0 * 1024.0);
}
