using System.Globalization;
using System.Text.RegularExpressions;
using Rota.TestSupport;

namespace Rota.Examples.Tests;

/// <summary>
/// The examples' host (<c>examples/handlers</c>: <c>rota</c> with the example handlers) serving one example's rota.yaml
/// as a real child process on a free loopback port, on a fresh SQLite file or PostgreSQL schema. It can be stopped and
/// started again on the same database, with the test-only clock (<c>ROTA_EXAMPLE_CLOCK</c>) set to another instant.
/// </summary>
public sealed partial class ExampleHost : IAsyncDisposable
{
    private readonly string[] _storeArgs;
    private readonly Dictionary<string, string> _environment;
    private RotaProcess? _process;

    private ExampleHost(string example, TempDirectory dir, string[] storeArgs, Dictionary<string, string> environment)
    {
        Dir = dir;
        Config = Path.Combine(RepositoryRoot, "examples", example, "rota.yaml");
        _storeArgs = storeArgs;
        _environment = environment;
    }

    public TempDirectory Dir { get; }
    /// <summary>The rota.yaml served; a test may point it at an edited copy (e.g. its SMTP server's port).</summary>
    public string Config { get; set; }
    public string Url { get; private set; } = "";
    /// <summary>The admin token printed by the first start (kept across restarts on the same database).</summary>
    public string AdminToken { get; private set; } = "";
    public string Output => _process?.Output ?? "";
    public Func<Task>? OnDispose { get; set; }

    public static string RepositoryRoot
    {
        get
        {
            var root = AppContext.BaseDirectory;
            while (!File.Exists(Path.Combine(root, "Rota.slnx"))) root = Path.GetDirectoryName(root) ?? throw new InvalidOperationException("repository root not found");
            return root;
        }
    }

    /// <summary>examples/handlers' build of the same configuration as the tests.</summary>
    public static string Dll
    {
        get
        {
            var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
            var dll = Path.Combine(RepositoryRoot, "examples", "handlers", "bin", configuration, "net10.0", "Rota.Examples.dll");
            return File.Exists(dll) ? dll : throw new FileNotFoundException($"build the examples first: dotnet build -c {configuration} (missing {dll})");
        }
    }

    /// <summary>A host for <paramref name="example"/> on a fresh SQLite file in a new temporary folder (its working directory).</summary>
    public static ExampleHost Sqlite(string example, Dictionary<string, string>? environment = null)
    {
        var dir = new TempDirectory();
        return new ExampleHost(example, dir, ["--db", dir.File("rota.db")], environment ?? []);
    }

    /// <summary>A host on a fresh schema of the PostgreSQL server named by ROTA_TEST_PG (dropped on dispose).</summary>
    public static ExampleHost Postgres(string example, Dictionary<string, string>? environment = null)
    {
        var cs = Environment.GetEnvironmentVariable("ROTA_TEST_PG") is { Length: > 0 } s ? s
            : throw new InvalidOperationException("ROTA_TEST_PG is not set: run ./test.sh, which starts a throwaway PostgreSQL");
        var schema = "ex_" + Guid.NewGuid().ToString("N")[..16];
        var host = new ExampleHost(example, new TempDirectory(), ["--store", "postgres", "--connection", cs, "--schema", schema], environment ?? []);
        host.OnDispose = async () =>
        {
            await using var c = new Npgsql.NpgsqlConnection(new Npgsql.NpgsqlConnectionStringBuilder(cs) { Pooling = false }.ConnectionString);
            await c.OpenAsync();
            await using var drop = new Npgsql.NpgsqlCommand($"DROP SCHEMA IF EXISTS {schema} CASCADE", c);
            await drop.ExecuteNonQueryAsync();
        };
        return host;
    }

    /// <summary><c>rota serve --config examples/NAME/rota.yaml</c>, with the clock at <paramref name="clock"/> when given.</summary>
    public async Task StartAsync(DateTimeOffset? clock = null, Dictionary<string, string>? extraEnvironment = null)
    {
        var env = new Dictionary<string, string>(_environment);
        if (clock is { } c) env["ROTA_EXAMPLE_CLOCK"] = c.ToString("O", CultureInfo.InvariantCulture);
        foreach (var (k, v) in extraEnvironment ?? []) env[k] = v;
        _process?.Dispose();
        _process = RotaProcess.StartDll(Dll, Dir.Path, env, [.. _storeArgs, "--config", Config, "serve"]);
        await _process.WaitForOutputAsync("/api/v1 (docs", TimeSpan.FromSeconds(60));
        Url = ApiLine().Match(_process.Output).Groups[1].Value;
        if (AdminToken.Length > 0) return;
        await _process.WaitForOutputAsync("use it as", TimeSpan.FromSeconds(10));
        AdminToken = TokenLine().Match(_process.Output).Groups[1].Value;
    }

    /// <summary>SIGTERM, as systemd or Ctrl+C would stop it; waits for a clean exit.</summary>
    public async Task StopAsync()
    {
        _process!.Signal("TERM");
        Assert.Equal(0, await _process.WaitForExitAsync(TimeSpan.FromSeconds(60)));
    }

    /// <summary>SIGKILL: the process dies with its runs still marked running (a stale lock).</summary>
    public async Task KillAsync()
    {
        _process!.Signal("KILL");
        await _process.WaitForExitAsync(TimeSpan.FromSeconds(30));
    }

    public ExampleApi Api(string? token = null) => new(Url, token ?? AdminToken);

    /// <summary>Runs the same command line against this server (<c>--server URL --token T ARGS</c>); returns its exit
    /// code and output.</summary>
    public async Task<(int Exit, string Output)> CliAsync(string? token, params string[] args)
    {
        using var cli = RotaProcess.StartDll(Dll, Dir.Path, null, ["--server", Url, "--token", token ?? AdminToken, .. args]);
        var exit = await cli.WaitForExitAsync(TimeSpan.FromSeconds(60));
        return (exit, cli.Output);
    }

    public async ValueTask DisposeAsync()
    {
        _process?.Dispose();
        if (OnDispose is not null) await OnDispose();
        Dir.Dispose();
    }

    [GeneratedRegex(@"rota: API on (http://\S+?)/api/v1")]
    private static partial Regex ApiLine();

    [GeneratedRegex(@"shown only this once:\s+(rota_\w+)")]
    private static partial Regex TokenLine();
}
