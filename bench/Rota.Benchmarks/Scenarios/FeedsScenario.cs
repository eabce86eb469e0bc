using System.Globalization;
using System.Reflection;
using System.ServiceModel.Syndication;
using Rota.Benchmarks.Cli;
using Rota.Benchmarks.Feeds;
using Rota.Benchmarks.Measure;
using Rota.Benchmarks.Report;
using Rota.Benchmarks.Systems;

namespace Rota.Benchmarks.Scenarios;

/// <summary>
/// Feed parse throughput: Rota's lenient parser vs Python feedparser (Debian python3-feedparser, in a child process
/// over the same files) and System.ServiceModel.Syndication (in process). Inputs: every file of the feedparser corpus
/// and two large generated feeds, all read into memory once. MB/s and feeds/s from the median of the timed passes;
/// allocation per feed for the .NET parsers. Target: Rota ≥ 20× feedparser in MB/s.
/// </summary>
internal sealed class FeedsScenario : IScenario
{
    public const double TargetRatio = 20;

    public async Task<int> RunParentAsync(BenchArgs args)
    {
        var settings = FeedsSettings.From(args);
        args.RejectUnknown();
        try
        {
            var python = await PythonFeedparser.LocateAsync();
            var corpusDir = RepoPaths.Corpus(settings.Corpus);
            var syndication = "System.ServiceModel.Syndication " + Version(typeof(SyndicationFeed).Assembly);
            RunHeader.Print("feeds", $"{settings}\ncorpus {corpusDir} · peers: {python.Version}; {syndication}");
            using var dir = new WorkDirectory("feeds");
            var sets = new[] { FeedCorpus.Load(corpusDir), LargeFeedGenerator.Write(dir.Path, settings.LargeEntries) };
            var limit = TimeSpan.FromSeconds(settings.TimeoutSeconds);
            foreach (var set in sets)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"## {Describe(set)}"));
                var rota = InProcessParserBench.Run(set, settings.Repeat, timeParsedOnly: false, FeedParsers.Rota);
                Progress("Rota", rota);
                Progress("Rota, no sanitising (information only)", InProcessParserBench.Run(set, settings.Repeat, timeParsedOnly: false, FeedParsers.RotaUnsanitized));
                var synd = InProcessParserBench.Run(set, settings.Repeat, timeParsedOnly: true, FeedParsers.Syndication);
                Progress("Syndication", synd);
                var fp = await python.RunAsync(set, settings.Repeat, dir.Path, limit);
                Progress("feedparser", fp);
                Console.WriteLine();
                PrintTable(rota, fp, synd);
                if (synd.Feeds < set.Inputs.Count)
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"Syndication threw on {synd.Failures:N0} of {set.Inputs.Count:N0} files; its figures cover the {synd.Feeds:N0} it parsed ({synd.Bytes / 1e6:N3} MB)."));
                Console.WriteLine();
            }
            return 0; // a MISS is a figure, not an error (as in the other scenarios)
        }
        catch (FeedBenchException ex)
        {
            Console.Error.WriteLine("bench feeds: " + ex.Message);
            return 1;
        }
    }

    public Task<object> RunChildAsync(IBenchSystem system, BenchArgs args) =>
        throw new NotSupportedException("the feeds scenario runs its .NET parsers in process and feedparser through Python");

    private static string Describe(FeedSet set) => string.Create(CultureInfo.InvariantCulture,
        $"{set.Name}: {set.Inputs.Count:N0} files, {set.Bytes / 1e6:N3} MB");

    private static void Progress(string name, FeedSample s)
    {
        Console.WriteLine(name);
        var alloc = double.IsFinite(s.AllocatedPerFeed)
            ? string.Create(CultureInfo.InvariantCulture, $" · {s.AllocatedPerFeed / 1024:N1} KiB allocated/feed")
            : "";
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {s.MegabytesPerSecond:N2} MB/s · {s.FeedsPerSecond,10:N0} feeds/s · median pass {s.PassSeconds * 1000:N1} ms ({s.PassCpuSeconds * 1000:N1} ms CPU) over {s.Feeds:N0} feeds ({s.Entries:N0} entries) · {s.Failures:N0} failures{alloc}"));
    }

    /// <summary>Prints the comparison with the verdict on the MB/s target.</summary>
    private static void PrintTable(FeedSample rota, FeedSample fp, FeedSample synd)
    {
        var table = new Table("metric", "Rota", "feedparser", "Rota ÷ feedparser", "Syndication", "Rota ÷ Syndication", "target", "result");
        var ratio = rota.MegabytesPerSecond / fp.MegabytesPerSecond;
        var pass = double.IsFinite(ratio) && ratio >= TargetRatio;
        table.AddRow("MB/s", Figures.Dec2(rota.MegabytesPerSecond), Figures.Dec2(fp.MegabytesPerSecond), Figures.Ratio(rota.MegabytesPerSecond, fp.MegabytesPerSecond),
            Figures.Dec2(synd.MegabytesPerSecond), Figures.Ratio(rota.MegabytesPerSecond, synd.MegabytesPerSecond), "≥ 20× feedparser", Figures.Verdict(pass));
        table.AddRow("MB per CPU-second", Figures.Dec2(rota.MegabytesPerCpuSecond), Figures.Dec2(fp.MegabytesPerCpuSecond), Figures.Ratio(rota.MegabytesPerCpuSecond, fp.MegabytesPerCpuSecond),
            Figures.Dec2(synd.MegabytesPerCpuSecond), Figures.Ratio(rota.MegabytesPerCpuSecond, synd.MegabytesPerCpuSecond), "", "");
        table.AddRow("feeds/s", Figures.Int(rota.FeedsPerSecond), Figures.Int(fp.FeedsPerSecond), Figures.Ratio(rota.FeedsPerSecond, fp.FeedsPerSecond),
            Figures.Int(synd.FeedsPerSecond), Figures.Ratio(rota.FeedsPerSecond, synd.FeedsPerSecond), "", "");
        table.AddRow("KiB allocated per feed", Figures.Dec1(rota.AllocatedPerFeed / 1024), Figures.Missing, "",
            Figures.Dec1(synd.AllocatedPerFeed / 1024), Figures.Ratio(rota.AllocatedPerFeed, synd.AllocatedPerFeed), "", "");
        table.AddRow("files timed", Figures.Int(rota.Feeds), Figures.Int(fp.Feeds), "", Figures.Int(synd.Feeds), "", "", "");
        table.AddRow("parse failures (threw)", Figures.Int(rota.Failures), Figures.Int(fp.Failures), "", Figures.Int(synd.Failures), "", "", "");
        Console.WriteLine(table.Render());
        Console.WriteLine($"Target: Rota ≥ {TargetRatio:N0}× feedparser (MB/s) → {Figures.Ratio(rota.MegabytesPerSecond, fp.MegabytesPerSecond)} {Figures.Verdict(pass)}");
        Console.WriteLine($"In CPU time (steadier on a shared machine): {Figures.Ratio(rota.MegabytesPerCpuSecond, fp.MegabytesPerCpuSecond)}");
    }

    private static string Version(Assembly assembly) =>
        assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? assembly.GetName().Version?.ToString() ?? "?";
}
