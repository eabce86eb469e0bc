using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Rota.Benchmarks.Measure;
using Rota.Hosting;
using Rota.Storage;
using Rota.Storage.Postgres;
using Rota.Storage.Sqlite;

namespace Rota.Benchmarks.Systems.Rota;

/// <summary>Rota hosted as a library user would: <c>AddRota(...).UseSqlite(path).AddHandler&lt;T&gt;(kind)</c> on a
/// service collection; the engine is resolved but not started.</summary>
internal sealed class RotaHost : IAsyncDisposable
{
    public const string RecordHandler = "bench-record";

    private readonly ServiceProvider _services;
    private bool _disposed;

    private RotaHost(ServiceProvider services)
    {
        _services = services;
        Engine = services.GetRequiredService<RotaEngine>();
    }

    public RotaEngine Engine { get; }

    public RotaClient Client => Engine.Client;

    /// <summary>The engine's store (queue settings the client does not expose).</summary>
    public IRotaStore Store => _services.GetRequiredService<IRotaStore>();

    public static RotaHost Build(string databasePath, int workers, FireRecorder recorder) =>
        Build(b => b.UseSqlite(databasePath), "bench", workers, recorder);

    /// <summary>Rota on PostgreSQL in schema <c>rota</c> of <paramref name="connectionString"/>'s database.</summary>
    public static RotaHost BuildPostgres(string connectionString, string node, int workers, FireRecorder recorder) =>
        Build(b => b.UsePostgres(connectionString), node, workers, recorder);

    private static RotaHost Build(Action<RotaBuilder> store, string node, int workers, FireRecorder recorder)
    {
        var services = new ServiceCollection();
        services.AddLogging(b => b.AddProvider(new StderrLoggerProvider()).SetMinimumLevel(LogLevel.Warning));
        services.AddSingleton(recorder);
        var builder = services.AddRota(o =>
            {
                o.NodeName = node;
                o.DefaultQueueConcurrency = workers;
                o.ShutdownGrace = TimeSpan.FromSeconds(5);
                // ROTA_BENCH_FIRE_AHEAD_MS compares fire-ahead settings; unset keeps Rota's default.
                if (int.TryParse(Environment.GetEnvironmentVariable("ROTA_BENCH_FIRE_AHEAD_MS"), out var ahead)) o.FireAhead = TimeSpan.FromMilliseconds(ahead);
                // ROTA_BENCH_AGING_MS compares priority-aging settings (0 turns aging off); unset keeps the default.
                if (int.TryParse(Environment.GetEnvironmentVariable("ROTA_BENCH_AGING_MS"), out var aging)) o.PriorityAgingInterval = TimeSpan.FromMilliseconds(aging);
            });
        store(builder);
        // ROTA_BENCH_CLAIM_AHEAD compares claim-ahead factors (0 turns it off); unset keeps the store's default.
        if (int.TryParse(Environment.GetEnvironmentVariable("ROTA_BENCH_CLAIM_AHEAD"), out var claimAhead)) builder.Options.ClaimAheadFactor = claimAhead;
        // ROTA_BENCH_EARLY_CLAIM_MS compares early-claim windows (0 turns it off); unset keeps the store's default.
        if (int.TryParse(Environment.GetEnvironmentVariable("ROTA_BENCH_EARLY_CLAIM_MS"), out var early)) builder.Options.EarlyClaimWindow = TimeSpan.FromMilliseconds(early);
        builder.AddHandler<RecordingHandler>(RecordHandler);
        return new RotaHost(services.BuildServiceProvider());
    }

    public Task StartAsync() => Engine.StartAsync(CancellationToken.None);

    public async ValueTask DisposeAsync()
    {
        if (_disposed) return;
        _disposed = true;
        await Engine.StopAsync(CancellationToken.None);
        await _services.DisposeAsync();
    }
}
