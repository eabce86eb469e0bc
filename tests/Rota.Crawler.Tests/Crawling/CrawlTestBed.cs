using Microsoft.Extensions.Time.Testing;
using Rota.Crawler.Crawling;
using Rota.Crawler.Fetching;
using Rota.Crawler.Tests.Fetching;
using Rota.Storage;
using Rota.TestSupport;

namespace Rota.Crawler.Tests.Crawling;

/// <summary>A SQLite (or PostgreSQL) store, a fake clock, a loopback HTTP server and a crawler that may reach it.</summary>
internal sealed class CrawlTestBed : IAsyncDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private CrawlTestBed(CrawlStore db, LoopbackHttpServer server, FakeTimeProvider time, FeedFetcher fetcher, CrawlerOptions options)
    {
        Db = db;
        Server = server;
        Time = time;
        Fetcher = fetcher;
        Options = options;
        Crawler = new SourceCrawler(db.Store, fetcher, options, time);
    }

    public CrawlStore Db { get; }
    public IRotaStore Store => Db.Store;
    public LoopbackHttpServer Server { get; }
    public FakeTimeProvider Time { get; }
    public FeedFetcher Fetcher { get; }
    public CrawlerOptions Options { get; }
    public SourceCrawler Crawler { get; }

    public static async Task<CrawlTestBed> CreateAsync(CrawlerOptions? options = null, bool postgres = false)
    {
        var time = new FakeTimeProvider(Start);
        var o = (options ?? new CrawlerOptions()) with { AllowLoopback = true, Fetch = TestFetchers.Fast with { MaxConcurrentPerHost = 8 } };
        var db = await CrawlStore.CreateAsync(postgres, Start);
        var server = await LoopbackHttpServer.StartAsync();
        return new CrawlTestBed(db, server, time, CrawlerRotaBuilderExtensions.CreateFetcher(o, time), o);
    }

    public Task<SourceRow> AddAsync(string path, string owner = "ada") =>
        Store.SourceUpsert(new SourceUpsertParams(owner, path, "feed", Server.Url(path), Server.Url(path), Server.Url(path),
            (int)Options.DefaultPollInterval.TotalSeconds, Time.GetUtcNow()));

    public async Task<SourceCrawlResult> CrawlOneAsync(long id, string type = CrawlLogValues.Manual) =>
        (await Crawler.CrawlAsync(new CrawlRequest { SourceId = id, CrawlType = type })).Results.Single();

    public async Task<SourceRow> SourceAsync(long id) => (await Store.SourceGet(new SourceGetParams(id)))!;

    public async ValueTask DisposeAsync()
    {
        Fetcher.Dispose();
        await Server.DisposeAsync();
        await Db.DisposeAsync();
    }
}
