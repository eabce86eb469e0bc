using Rota.Benchmarks.Cli;

namespace Rota.Benchmarks.Crawl;

/// <summary>Options of the crawl scenario.</summary>
internal sealed record CrawlSettings(int Feeds, int ItemsPerFeed, int Parallel)
{
    public static CrawlSettings From(BenchArgs args) => new(
        args.Int("feeds", 10_000),
        args.Int("items", 20),
        args.Int("parallel", 16));

    public override string ToString() =>
        $"{Feeds:N0} RSS feeds of {ItemsPerFeed} items on one in-process Kestrel (127.0.0.1) · SQLite store · SourceCrawler, Scope = All, " +
        $"{Parallel} sources at a time, per-host limit {Parallel} and no min interval (real crawls keep 2 per host, 1 s apart) · " +
        "pass 1 (200), then pass 2 (304 via If-None-Match)";
}
