using System.Diagnostics;
using System.Text;

namespace Rota.TestSupport;

/// <summary>A <c>rota</c> CLI child process (the built Rota.Cli.dll run by <c>dotnet</c>), with captured output.</summary>
public sealed class RotaProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private RotaProcess(Process process)
    {
        _process = process;
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (_output) _output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (_output) _output.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public int Id => _process.Id;
    public bool HasExited => _process.HasExited;
    public int ExitCode => _process.ExitCode;

    public string Output
    {
        get { lock (_output) return _output.ToString(); }
    }

    /// <summary>The CLI assembly built alongside the tests (same configuration).</summary>
    public static string CliDll
    {
        get
        {
            var dir = AppContext.BaseDirectory;
            var configuration = dir.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
            var root = dir;
            while (!File.Exists(Path.Combine(root, "Rota.slnx"))) root = Path.GetDirectoryName(root) ?? throw new InvalidOperationException("repository root not found");
            var dll = Path.Combine(root, "src", "Rota.Cli", "bin", configuration, "net10.0", "Rota.Cli.dll");
            return File.Exists(dll) ? dll : throw new FileNotFoundException($"build the CLI first: dotnet build -c {configuration} (missing {dll})");
        }
    }

    public static RotaProcess Start(string workingDirectory, params string[] args) => Start(workingDirectory, null, args);

    /// <summary>Starts <c>rota</c> with extra environment variables (e.g. ROTA_LEASE_DURATION, ROTA_METRICS_REQUIRE_TOKEN).</summary>
    public static RotaProcess Start(string workingDirectory, IReadOnlyDictionary<string, string>? environment, params string[] args) =>
        StartDll(CliDll, workingDirectory, environment, args);

    /// <summary>Starts another build of the command line, e.g. examples/handlers (Rota.Examples.dll: rota with the
    /// example handlers), the same way.</summary>
    public static RotaProcess StartDll(string dll, string workingDirectory, IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        psi.ArgumentList.Add(dll);
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var (k, v) in environment ?? new Dictionary<string, string>()) psi.Environment[k] = v;
        // Every 'rota serve' in tests listens on a free loopback port, never the default 5080.
        if (!psi.Environment.ContainsKey("ROTA_URLS")) psi.Environment["ROTA_URLS"] = "http://127.0.0.1:0";
        return new RotaProcess(Process.Start(psi)!);
    }

    /// <summary>Waits until the output contains <paramref name="text"/> (real time: a child process).</summary>
    public async Task WaitForOutputAsync(string text, TimeSpan limit)
    {
        var sw = Stopwatch.StartNew();
        while (!Output.Contains(text, StringComparison.Ordinal))
        {
            if (HasExited) throw new InvalidOperationException($"rota exited ({ExitCode}) before printing '{text}':\n{Output}");
            if (sw.Elapsed > limit) throw new TimeoutException($"rota did not print '{text}' within {limit}:\n{Output}");
            await Task.Delay(50);
        }
    }

    public void Signal(string signal)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill") { ArgumentList = { "-" + signal, _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) } })!;
        kill.WaitForExit();
    }

    public async Task<int> WaitForExitAsync(TimeSpan limit)
    {
        using var cts = new CancellationTokenSource(limit);
        await _process.WaitForExitAsync(cts.Token);
        _process.WaitForExit();
        return _process.ExitCode;
    }

    public void Dispose()
    {
        try { if (!_process.HasExited) _process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
        _process.Dispose();
    }
}
