using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Rota.Storage.Sqlite;

namespace Rota.TestSupport;

/// <summary>An engine over a fresh SQLite file and a FakeTimeProvider; tests drive it with TickAsync/RunDueAsync.</summary>
public sealed class TestEngine : IAsyncDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);

    private TestEngine(TestSqlite db, FakeTimeProvider time, RotaEngine engine, RotaOptions options)
    {
        Db = db;
        Time = time;
        Engine = engine;
        Options = options;
    }

    public TestSqlite Db { get; }
    public SqliteStore Store => Db.Store;
    public FakeTimeProvider Time { get; }
    public RotaEngine Engine { get; }
    public RotaOptions Options { get; }
    public RotaClient Client => Engine.Client;

    public static async Task<TestEngine> CreateAsync(Action<RotaOptions>? configure = null, DateTimeOffset? start = null)
    {
        var time = new FakeTimeProvider(start ?? Start);
        var db = await TestSqlite.CreateAsync(time.GetUtcNow());
        var options = new RotaOptions { NodeName = "test-node", ShutdownGrace = TimeSpan.Zero };
        configure?.Invoke(options);
        var engine = new RotaEngine(db.Store, options, time, new Microsoft.Extensions.DependencyInjection.ServiceCollection().AddSingleton<TimeProvider>(time).BuildServiceProvider(), NullLoggerFactory.Instance);
        return new TestEngine(db, time, engine, options);
    }

    public async ValueTask DisposeAsync()
    {
        await Engine.DisposeAsync();
        await Db.DisposeAsync();
    }
}
