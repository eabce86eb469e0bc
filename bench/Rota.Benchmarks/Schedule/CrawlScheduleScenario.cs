using System.Globalization;
using Rota.Benchmarks.Cli;
using Rota.Benchmarks.Report;
using Rota.Benchmarks.Scenarios;
using Rota.Benchmarks.Systems;
using Rota.Crawler.Crawling;
using Rota.Crawler.Scheduling;

namespace Rota.Benchmarks.Schedule;

/// <summary>
/// <c>crawl-schedule</c>: fixed vs adaptive vs predictive crawl scheduling on replayed posting histories
/// (<see cref="PostingHistories"/>), N sources per habit, each with its own random posts. Prints per habit and mode:
/// fetches per source per day, and the mean and p95 delay from a post's publication to the crawl that found it.
/// Deterministic (seeded); runs in process in seconds.
/// </summary>
internal sealed class CrawlScheduleScenario : IScenario
{
    public async Task<int> RunParentAsync(BenchArgs args)
    {
        var sources = args.Int("sources", 20);
        var weeks = args.Int("weeks", 6);
        var backlog = args.Int("backlog", 20);
        var seed = args.Int("seed", 42, min: 0);
        args.RejectUnknown();
        RunHeader.Print("crawl-schedule", $"--sources {sources} --weeks {weeks} --backlog {backlog} --seed {seed}");
        var start = new DateTimeOffset(2026, 3, 2, 0, 0, 0, TimeSpan.Zero); // a Monday
        var end = start.AddDays(7 * weeks);
        var measureUntil = end.AddDays(-2);
        var defaults = new CrawlerOptions();
        var modes = new (string Name, CrawlScheduleMode Mode, CrawlerOptions Options)[]
        {
            ($"fixed {Rota.Configuration.DurationText.Format(defaults.DefaultPollInterval)}", CrawlScheduleMode.Fixed, defaults),
            ("adaptive", CrawlScheduleMode.Adaptive, defaults),
            ("predictive θ=0.5", CrawlScheduleMode.Predictive, defaults),
            ("predictive θ=1", CrawlScheduleMode.Predictive, defaults with { Predictive = defaults.Predictive with { Threshold = 1.0 } }),
        };
        Console.WriteLine($"{weeks} weeks replayed per source; the feed shows its last {backlog} posts at the first crawl; delays of posts up to 2 days before the end.");
        Console.WriteLine();
        Console.WriteLine($"| habit | schedule | fetches/day | mean delay (min) | p95 delay (min) | posts |");
        Console.WriteLine($"|---|---|---:|---:|---:|---:|");
        foreach (var habit in PostingHistories.All)
        {
            foreach (var (name, mode, options) in modes)
            {
                var fetches = 0.0;
                var delays = new List<double>();
                for (var i = 0; i < sources; i++)
                {
                    var random = new Random(seed * 7919 + i * 31 + habit.Name.Length);
                    var posts = habit.Posts(random, start.AddDays(-28), end).Where(p => p < end).Order().ToList();
                    var outcome = ScheduleReplay.Run(options, mode, i + 1, posts, backlog, start, measureUntil, end);
                    fetches += outcome.Fetches / outcome.Days;
                    delays.AddRange(outcome.DelayMinutes);
                }
                delays.Sort();
                var p95 = delays.Count == 0 ? double.NaN : delays[(int)Math.Min(delays.Count - 1, Math.Ceiling(0.95 * delays.Count) - 1)];
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {habit.Name} | {name} | {Figures.Dec1(fetches / sources)} | {Figures.Dec1(delays.Count == 0 ? double.NaN : delays.Average())} | {Figures.Dec1(p95)} | {delays.Count} |"));
            }
        }
        Console.WriteLine();
        foreach (var habit in PostingHistories.All) Console.WriteLine($"  {habit.Name}: {habit.Description}");
        return await Task.FromResult(0);
    }

    public Task<object> RunChildAsync(IBenchSystem system, BenchArgs args) => throw new NotSupportedException("crawl-schedule runs in process");
}
