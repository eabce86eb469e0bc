using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace Rota.Benchmarks.Feeds;

/// <summary>
/// Python feedparser (Debian python3-feedparser) in a child process: bench/feedparser/parse_bench.py reads the same
/// files, parses each once as a warm-up and then <c>repeat</c> times, and prints one JSON line. The interpreter is
/// <c>ROTA_PYTHON</c>, else /usr/bin/python3 (where Debian's package installs the module), else python3 on PATH.
/// </summary>
internal sealed class PythonFeedparser
{
    public const string AptFix = "apt-get update && apt-get install -y python3-feedparser";

    private readonly string _python;
    private readonly string _script;

    private PythonFeedparser(string python, string script, string version)
    {
        _python = python;
        _script = script;
        Version = version;
    }

    /// <summary>"feedparser 6.0.10 · Python 3.11.2".</summary>
    public string Version { get; }

    /// <summary>Finds the interpreter, the script and the module; throws <see cref="FeedBenchException"/> with the fix.</summary>
    public static async Task<PythonFeedparser> LocateAsync()
    {
        var python = Environment.GetEnvironmentVariable("ROTA_PYTHON") is { Length: > 0 } env ? env
            : File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3";
        var script = FindScript();
        const string probe = "import feedparser, platform; print('feedparser ' + feedparser.__version__ + ' · Python ' + platform.python_version())";
        (int Code, string Out, string Err) result;
        try { result = await RunAsync(python, ["-c", probe], TimeSpan.FromSeconds(60)); }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new FeedBenchException($"python3 not found ({python}: {ex.Message}); run: apt-get update && apt-get install -y python3 python3-feedparser");
        }
        if (result.Code != 0)
            throw new FeedBenchException($"{python} cannot import feedparser ({Last(result.Err)}); run: {AptFix}");
        return new PythonFeedparser(python, script, result.Out.Trim());
    }

    public async Task<FeedSample> RunAsync(FeedSet set, int repeat, string workDir, TimeSpan limit)
    {
        var list = Path.Combine(workDir, $"{set.Name}.list");
        await File.WriteAllLinesAsync(list, set.Inputs.Select(i => i.Path));
        var (code, stdout, stderr) = await RunAsync(_python,
            [_script, "--list", list, "--repeat", repeat.ToString(CultureInfo.InvariantCulture)], limit);
        if (code != 0)
            throw new FeedBenchException($"parse_bench.py exited with {code}: {Last(stderr)}" + (code == 3 ? $"; run: {AptFix}" : ""));
        var line = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault()
                   ?? throw new FeedBenchException("parse_bench.py printed nothing");
        using var json = JsonDocument.Parse(line);
        var root = json.RootElement;
        var passes = root.GetProperty("pass_seconds").EnumerateArray().Select(e => e.GetDouble()).ToList();
        var cpuPasses = root.GetProperty("pass_cpu_seconds").EnumerateArray().Select(e => e.GetDouble()).ToList();
        return new FeedSample(root.GetProperty("bytes").GetInt64(), root.GetProperty("feeds").GetInt32(),
            root.GetProperty("failures").GetInt32(), FeedSample.Median(passes), double.NaN,
            root.GetProperty("entries").GetInt64(), FeedSample.Median(cpuPasses));
    }

    private static string FindScript()
    {
        var beside = Path.Combine(AppContext.BaseDirectory, "feedparser", "parse_bench.py");
        if (File.Exists(beside)) return beside;
        var inRepo = Path.Combine(RepoPaths.Root(), "bench", "feedparser", "parse_bench.py");
        if (File.Exists(inRepo)) return inRepo;
        throw new FeedBenchException($"parse_bench.py not found (looked at {beside} and {inRepo})");
    }

    private static async Task<(int Code, string Out, string Err)> RunAsync(string file, IEnumerable<string> args, TimeSpan limit)
    {
        var psi = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var process = Process.Start(psi) ?? throw new FeedBenchException($"could not start {file}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(limit);
        try { await process.WaitForExitAsync(cts.Token); }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new FeedBenchException($"{file} did not finish within {limit.TotalSeconds:N0} s");
        }
        return (process.ExitCode, await stdout, await stderr);
    }

    private static string Last(string text)
    {
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return lines.Length == 0 ? "no output" : lines[^1];
    }
}
