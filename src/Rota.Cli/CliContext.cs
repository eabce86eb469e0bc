using System.CommandLine;
using Rota.Cli.Backends;
using Rota.Client;
using Rota.Storage;

namespace Rota.Cli;

/// <summary>What every command needs: the global options, the output writers, and a way to open the store.</summary>
public sealed class CliContext(TextWriter stdout, TextWriter stderr)
{
    public static readonly Option<string> DbOption = new("--db")
    {
        Description = "SQLite database file (env ROTA_DB)",
        Recursive = true,
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("ROTA_DB") is { Length: > 0 } db ? db : Path.Combine("data", "rota.db"),
    };

    public static readonly Option<string?> ConfigOption = new("--config")
    {
        Description = "Configuration file of tasks and crawler settings (env ROTA_CONFIG; default ./rota.yaml when present)",
        Recursive = true,
    };

    public static readonly Option<string?> ServerOption = new("--server")
    {
        Description = "A Rota server, e.g. http://host:5080: task, run, node, user, token, source and crawl commands use its API instead of the store (env ROTA_SERVER)",
        Recursive = true,
    };

    public static readonly Option<string?> TokenOption = new("--token")
    {
        Description = "API token for --server (env ROTA_TOKEN)",
        Recursive = true,
    };

    public TextWriter Out { get; } = stdout;
    /// <summary>The host app's additions to the Rota builder (its handlers), or null for plain <c>rota</c>.</summary>
    public Action<Hosting.RotaBuilder>? ExtendRota { get; init; }
    public TextWriter Error { get; } = stderr;
    public TimeProvider Time { get; } = TimeProvider.System;

    /// <summary>The zone for times shown to people (machine local; <c>TZ</c> on Linux); JSON stays UTC.</summary>
    public TimeZoneInfo LocalZone { get; } = TimeZoneInfo.Local;

    public static string DbPath(ParseResult p) => p.GetValue(DbOption)!;

    /// <summary>The config file to use, or null when none is given and ./rota.yaml does not exist.</summary>
    public static string? ConfigPath(ParseResult p)
    {
        var given = p.GetValue(ConfigOption) ?? Environment.GetEnvironmentVariable("ROTA_CONFIG");
        if (!string.IsNullOrWhiteSpace(given)) return given;
        return File.Exists("rota.yaml") ? "rota.yaml" : null;
    }

    /// <summary>Opens the chosen store (<see cref="StoreChoice"/>) and applies pending migrations (every command but
    /// <c>migrate</c> does).</summary>
    public async Task<IRotaStore> OpenStoreAsync(ParseResult p, bool migrate = true)
    {
        var store = await StoreChoice.From(p).OpenAsync();
        try
        {
            if (migrate) await store.MigrationUp(new MigrationUpParams(Time.GetUtcNow()));
        }
        catch
        {
            await store.DisposeAsync();
            throw;
        }
        return store;
    }

    /// <summary>The server to talk to (<c>--server</c>, else <c>ROTA_SERVER</c>), or null to use the store.</summary>
    public static string? ServerUrl(ParseResult p) =>
        p.GetValue(ServerOption) is { Length: > 0 } s ? s : Environment.GetEnvironmentVariable("ROTA_SERVER") is { Length: > 0 } e ? e : null;

    /// <summary>The server's API when one is given, else the store (opened and migrated).</summary>
    public async Task<ICliBackend> OpenBackendAsync(ParseResult p)
    {
        if (ServerUrl(p) is { } url)
        {
            var token = p.GetValue(TokenOption) is { Length: > 0 } t ? t : Environment.GetEnvironmentVariable("ROTA_TOKEN");
            return new RemoteBackend(new RotaApiClient(url, token));
        }
        // Crawler settings are read only by the commands that crawl (a bad crawler setting must not break 'runs list').
        return new LocalBackend(await OpenStoreAsync(p), Time, () => Commands.CrawlerSetup.OptionsFor(p));
    }

    public RotaClient Client(IRotaStore store) => new(store, Time);

    public void Fail(string code, string message) => Error.WriteLine($"error[{code}]: {message}");
}
