using System.Text.RegularExpressions;
using Rota.TestSupport;

namespace Rota.Cli.Tests;

/// <summary>One <c>rota serve</c> child process for the HTTP tests of a class: a noop task <c>tick</c> every second, the API
/// on a free loopback port. Starting a server takes seconds; the tests only read from it.</summary>
public sealed partial class ServeHttpFixture : IAsyncLifetime
{
    private static readonly TimeSpan StartLimit = TimeSpan.FromSeconds(60);
    private readonly TempDirectory _dir = new();
    private RotaProcess? _serve;

    public HttpClient Http { get; } = new() { Timeout = TimeSpan.FromSeconds(30) };
    public RotaProcess Serve => _serve ?? throw new InvalidOperationException("not started");
    public string AdminToken { get; private set; } = "";

    public ValueTask InitializeAsync() => StartAsync(new Dictionary<string, string>());

    public async ValueTask StartAsync(IReadOnlyDictionary<string, string> environment)
    {
        File.WriteAllText(_dir.File("rota.yaml"), "tasks:\n  - name: tick\n    handler: noop\n    every: 1s\n");
        _serve = RotaProcess.Start(_dir.Path, environment, "serve", "--db", _dir.File("rota.db"));
        await _serve.WaitForOutputAsync("first start", StartLimit);
        await _serve.WaitForOutputAsync("use it as", StartLimit);
        Http.BaseAddress = new Uri(ApiLine().Match(_serve.Output) is { Success: true } m
            ? m.Groups[1].Value + "/"
            : throw new InvalidOperationException("no 'rota: API on' line:\n" + _serve.Output));
        AdminToken = TokenLine().Match(_serve.Output).Groups[1].Value;
    }

    public async ValueTask DisposeAsync()
    {
        if (_serve is { HasExited: false })
        {
            _serve.Signal("TERM");
            try { await _serve.WaitForExitAsync(TimeSpan.FromSeconds(30)); } catch (OperationCanceledException) { }
        }
        _serve?.Dispose();
        Http.Dispose();
        _dir.Dispose();
    }

    [GeneratedRegex(@"rota: API on (http://127\.0\.0\.1:\d+)/api/v1")]
    private static partial Regex ApiLine();

    [GeneratedRegex(@"^\s+(rota_\S+)\s*$", RegexOptions.Multiline)]
    private static partial Regex TokenLine();
}
