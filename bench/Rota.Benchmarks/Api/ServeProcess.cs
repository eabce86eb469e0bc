using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Rota.Benchmarks.Api;

/// <summary>A real <c>rota serve</c> (the built src/Rota.Cli) on a free loopback port; reads the bound URL and the
/// first-start admin token from its output.</summary>
internal sealed partial class ServeProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly System.Text.StringBuilder _output = new();

    private ServeProcess(Process process) => _process = process;

    public string BaseUrl { get; private set; } = "";
    public string Token { get; private set; } = "";
    public int Pid => _process.Id;

    /// <summary>User + system CPU time the serve process has used so far (from /proc, so wrk's share is not in it).</summary>
    public TimeSpan CpuTime
    {
        get
        {
            _process.Refresh();
            return _process.TotalProcessorTime;
        }
    }

    public static async Task<ServeProcess> StartAsync(string workDir, IReadOnlyList<string> storeArgs)
    {
        var psi = new ProcessStartInfo("dotnet") { WorkingDirectory = workDir, RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add(CliDll());
        psi.ArgumentList.Add("serve");
        foreach (var a in storeArgs) psi.ArgumentList.Add(a);
        psi.Environment["ROTA_URLS"] = "http://127.0.0.1:0";
        psi.Environment["ROTA_TRIGGER_PERMITS_PER_MINUTE"] = "100000000";
        if (Environment.GetEnvironmentVariable("ROTA_BENCH_GEN0") is { } gen0) psi.Environment["DOTNET_GCgen0size"] = gen0;
        else psi.Environment["DOTNET_GCgen0size"] = "0x200000";
        var serve = new ServeProcess(Process.Start(psi)!);
        serve._process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (serve._output) serve._output.AppendLine(e.Data); };
        serve._process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (serve._output) serve._output.AppendLine(e.Data); };
        serve._process.BeginOutputReadLine();
        serve._process.BeginErrorReadLine();
        var sw = Stopwatch.StartNew();
        while (sw.Elapsed < TimeSpan.FromSeconds(60))
        {
            string text;
            lock (serve._output) text = serve._output.ToString();
            var url = ApiLine().Match(text);
            var token = TokenText().Match(text);
            if (url.Success && token.Success)
            {
                serve.BaseUrl = url.Groups[1].Value;
                serve.Token = token.Value;
                return serve;
            }
            if (serve._process.HasExited) throw new InvalidOperationException($"rota serve exited ({serve._process.ExitCode}):\n{text}");
            await Task.Delay(100);
        }
        await serve.DisposeAsync();
        throw new TimeoutException("rota serve did not print its URL and first-start token within 60 s");
    }

    /// <summary>The CLI built beside this benchmark (Release): build the solution first. <c>ROTA_BENCH_CLI</c> names another
    /// build's Rota.Cli.dll instead (an A/B against an older commit, built elsewhere).</summary>
    private static string CliDll()
    {
        if (Environment.GetEnvironmentVariable("ROTA_BENCH_CLI") is { Length: > 0 } other)
            return File.Exists(other) ? other : throw new FileNotFoundException($"ROTA_BENCH_CLI: no such file {other}");
        var dir = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(dir, "Rota.slnx"))) dir = Path.GetDirectoryName(dir) ?? throw new InvalidOperationException("repository root not found");
        var dll = Path.Combine(dir, "src", "Rota.Cli", "bin", "Release", "net10.0", "Rota.Cli.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException($"build the CLI first: dotnet build Rota.slnx -c Release (missing {dll})");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])) await kill.WaitForExitAsync();
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            try { await _process.WaitForExitAsync(cts.Token); }
            catch (OperationCanceledException) { _process.Kill(entireProcessTree: true); }
        }
        _process.Dispose();
    }

    [GeneratedRegex(@"rota: API on (http://[^\s,]+)/api/v1")]
    private static partial Regex ApiLine();

    [GeneratedRegex(@"rota_[A-Za-z0-9]{40}")]
    private static partial Regex TokenText();
}
