using System.Text.RegularExpressions;
using Rota.Client;
using Rota.TestSupport;

namespace Rota.Cli.Tests;

/// <summary>A real <c>rota serve</c> child process on a free loopback port, with the URL and the first-start admin token
/// read from its output. Used as a class fixture: tests share the server but each owns the tasks and users it touches.</summary>
public sealed partial class ServedRota : IAsyncLifetime
{
    public const string Config = """
        tasks:
          - name: ok
            handler: noop
          - name: toggled
            handler: noop
            cron: "0 3 * * *"
          - name: echo
            handler: command
            retry: { attempts: 1 }
            parameters: { program: /bin/echo, args: ["hello-from-echo"] }
          - name: slow
            handler: command
            retry: { attempts: 1 }
            overlap: skip
            parameters: { program: /bin/sleep, args: ["30"] }
        """;

    private readonly TempDirectory _dir = new();
    private RotaProcess? _process;

    public string Dir => _dir.Path;
    public string Db => _dir.File("rota.db");
    public string Url { get; private set; } = "";
    /// <summary>The admin token printed on first start (null when the database already had users).</summary>
    public string? AdminToken { get; private set; }
    public string Output => _process?.Output ?? "";

    /// <summary>The rota.yaml the server starts with (default <see cref="Config"/>).</summary>
    public string ConfigText { get; init; } = Config;

    /// <summary>The store flags <c>serve</c> gets (default <c>--db</c> <see cref="Db"/>), e.g. <c>--store postgres …</c>.</summary>
    public string[]? StoreArgs { get; init; }

    public async ValueTask InitializeAsync()
    {
        File.WriteAllText(_dir.File("rota.yaml"), ConfigText);
        await StartAsync(expectAdminToken: true);
    }

    /// <summary>Starts serve on <see cref="Db"/> (callers may prepare the database first).</summary>
    public async Task StartAsync(bool expectAdminToken)
    {
        // Loopback allowed so source tests can crawl feeds served by the test itself.
        _process = RotaProcess.Start(Dir, new Dictionary<string, string> { ["ROTA_CRAWLER_ALLOW_LOOPBACK"] = "true" }, ["serve", .. StoreArgs ?? ["--db", Db]]);
        await _process.WaitForOutputAsync("/api/v1 (docs", TimeSpan.FromSeconds(60));
        Url = ApiLine().Match(_process.Output).Groups[1].Value;
        if (!expectAdminToken) return;
        await _process.WaitForOutputAsync("use it as", TimeSpan.FromSeconds(10));
        AdminToken = TokenLine().Match(_process.Output).Groups[1].Value;
    }

    public RotaApiClient Client(string? token = null) => new(Url, token ?? AdminToken);

    /// <summary>CLI arguments that point at this server with <paramref name="token"/> (default: the admin token).</summary>
    public string[] Remote(string? token, params string[] args) => ["--server", Url, "--token", token ?? AdminToken!, .. args];

    public ValueTask DisposeAsync()
    {
        _process?.Dispose();
        _dir.Dispose();
        return ValueTask.CompletedTask;
    }

    [GeneratedRegex(@"rota: API on (http://\S+?)/api/v1")]
    private static partial Regex ApiLine();

    [GeneratedRegex(@"shown only this once:\s+(rota_\w+)")]
    private static partial Regex TokenLine();
}
