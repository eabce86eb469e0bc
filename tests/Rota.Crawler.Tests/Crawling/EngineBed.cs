using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Rota.Crawler.Crawling;
using Rota.Crawler.Tests.Fetching;
using Rota.Hosting;
using Rota.Storage;
using Rota.TestSupport;

namespace Rota.Crawler.Tests.Crawling;

/// <summary>A real engine over SQLite with the crawler registered the way <c>rota serve</c> does (<c>UseCrawler</c>),
/// a fake clock and a loopback HTTP server the crawler may reach.</summary>
internal sealed class EngineBed : IAsyncDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly ServiceProvider _services;

    private EngineBed(TestSqlite db, LoopbackHttpServer server, FakeTimeProvider time, ServiceProvider services, RotaEngine engine)
    {
        Db = db;
        Server = server;
        Time = time;
        _services = services;
        Engine = engine;
    }

    public TestSqlite Db { get; }
    public IRotaStore Store => Db.Store;
    public LoopbackHttpServer Server { get; }
    public FakeTimeProvider Time { get; }
    public RotaEngine Engine { get; }

    public static async Task<EngineBed> CreateAsync()
    {
        var time = new FakeTimeProvider(Start);
        var db = await TestSqlite.CreateAsync(Start);
        var server = await LoopbackHttpServer.StartAsync();
        var services = new ServiceCollection().AddSingleton<TimeProvider>(time).AddSingleton<IRotaStore>(db.Store);
        var options = new RotaOptions { NodeName = "crawl-test", ShutdownGrace = TimeSpan.Zero };
        new RotaBuilder(services, options).UseCrawler(new CrawlerOptions { AllowLoopback = true, Fetch = TestFetchers.Fast with { MaxConcurrentPerHost = 8 } });
        var provider = services.BuildServiceProvider();
        var engine = new RotaEngine(db.Store, options, time, provider, NullLoggerFactory.Instance);
        return new EngineBed(db, server, time, provider, engine);
    }

    public Task<SourceRow> AddAsync(string path, string owner = "ada") =>
        Store.SourceUpsert(new SourceUpsertParams(owner, path, "feed", Server.Url(path), Server.Url(path), Server.Url(path), 3600, Time.GetUtcNow()));

    public async ValueTask DisposeAsync()
    {
        await Engine.DisposeAsync();
        await _services.DisposeAsync();
        await Server.DisposeAsync();
        await Db.DisposeAsync();
    }
}
