using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Rota.Benchmarks.Measure;
using Rota.Hosting;
using Rota.Storage.Sqlite;

namespace Rota.Benchmarks.Systems.Rota;

/// <summary>Rota hosted as a library user would: <c>AddRota(...).UseSqlite(path).AddHandler&lt;T&gt;(kind)</c> on a
/// service collection; the engine is resolved but not started.</summary>
internal sealed class RotaHost : IAsyncDisposable
{
    public const string RecordHandler = "bench-record";

    private readonly ServiceProvider _services;

    private RotaHost(ServiceProvider services)
    {
        _services = services;
        Engine = services.GetRequiredService<RotaEngine>();
    }

    public RotaEngine Engine { get; }

    public RotaClient Client => Engine.Client;

    public static RotaHost Build(string databasePath, int workers, FireRecorder recorder)
    {
        var services = new ServiceCollection();
        services.AddLogging(b => b.AddProvider(new StderrLoggerProvider()).SetMinimumLevel(LogLevel.Warning));
        services.AddSingleton(recorder);
        services.AddRota(o =>
            {
                o.NodeName = "bench";
                o.DefaultQueueConcurrency = workers;
                o.ShutdownGrace = TimeSpan.FromSeconds(5);
                // ROTA_BENCH_FIRE_AHEAD_MS compares fire-ahead settings; unset keeps Rota's default.
                if (int.TryParse(Environment.GetEnvironmentVariable("ROTA_BENCH_FIRE_AHEAD_MS"), out var ahead)) o.FireAhead = TimeSpan.FromMilliseconds(ahead);
            })
            .UseSqlite(databasePath)
            .AddHandler<RecordingHandler>(RecordHandler);
        return new RotaHost(services.BuildServiceProvider());
    }

    public Task StartAsync() => Engine.StartAsync(CancellationToken.None);

    public async ValueTask DisposeAsync()
    {
        await Engine.StopAsync(CancellationToken.None);
        await _services.DisposeAsync();
    }
}
