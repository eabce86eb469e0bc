using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Rota.Benchmarks.Api;

/// <summary>Runs <c>wrk</c> (Debian package <c>wrk</c>) against one URL and parses its <c>--latency</c> report.</summary>
internal static partial class Wrk
{
    public static void EnsureInstalled()
    {
        if (!File.Exists("/usr/bin/wrk"))
            throw new InvalidOperationException("bench api: wrk is missing; install it with: apt-get install -y wrk");
    }

    /// <param name="method">GET or POST; POST sends <paramref name="body"/> with <paramref name="contentType"/>.</param>
    public static async Task<WrkResult> RunAsync(string url, string? token, int threads, int connections, int seconds,
        string method = "GET", string? body = null, string contentType = "application/json")
    {
        var script = Path.Combine(Path.GetTempPath(), $"rota-wrk-{Guid.NewGuid():N}.lua");
        // The script sets method/body/headers and counts non-2xx responses (wrk only counts non-2xx/3xx).
        await File.WriteAllTextAsync(script, $$"""
            wrk.method = "{{method}}"
            {{(body is null ? "" : $"wrk.body = [[{body}]]\nwrk.headers[\"Content-Type\"] = \"{contentType}\"")}}
            {{(token is null ? "" : $"wrk.headers[\"Authorization\"] = \"Bearer {token}\"")}}
            """);
        try
        {
            var psi = new ProcessStartInfo("/usr/bin/wrk") { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var a in new[] { "-t", threads.ToString(CultureInfo.InvariantCulture), "-c", connections.ToString(CultureInfo.InvariantCulture),
                         "-d", $"{seconds}s", "--latency", "-s", script, url })
                psi.ArgumentList.Add(a);
            using var p = Process.Start(psi)!;
            var output = await p.StandardOutput.ReadToEndAsync();
            var errors = await p.StandardError.ReadToEndAsync();
            await p.WaitForExitAsync();
            if (p.ExitCode != 0) throw new InvalidOperationException($"wrk failed ({p.ExitCode}): {errors}{output}");
            return Parse(output);
        }
        finally
        {
            File.Delete(script);
        }
    }

    public static WrkResult Parse(string output)
    {
        double Latency(string pct)
        {
            var m = Regex.Match(output, $@"^\s*{Regex.Escape(pct)}%\s+([\d.]+)(us|ms|s)\s*$", RegexOptions.Multiline);
            if (!m.Success) throw new InvalidOperationException($"wrk output has no {pct}% latency:\n{output}");
            var v = double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
            return m.Groups[2].Value switch { "us" => v / 1000, "s" => v * 1000, _ => v };
        }
        var rps = RequestsPerSecond().Match(output);
        var total = Requests().Match(output);
        var non2xx = Non2xx().Match(output);
        var socket = SocketErrors().Match(output);
        long Sum(Match m) => m.Success ? m.Groups.Values.Skip(1).Sum(g => long.TryParse(g.Value, CultureInfo.InvariantCulture, out var n) ? n : 0) : 0;
        return new WrkResult(
            double.Parse(rps.Groups[1].Value, CultureInfo.InvariantCulture), Latency("50"), Latency("99"),
            long.Parse(total.Groups[1].Value, CultureInfo.InvariantCulture),
            non2xx.Success ? long.Parse(non2xx.Groups[1].Value, CultureInfo.InvariantCulture) : 0, Sum(socket));
    }

    [GeneratedRegex(@"Requests/sec:\s+([\d.]+)")]
    private static partial Regex RequestsPerSecond();

    [GeneratedRegex(@"(\d+) requests in")]
    private static partial Regex Requests();

    [GeneratedRegex(@"Non-2xx or 3xx responses:\s+(\d+)")]
    private static partial Regex Non2xx();

    [GeneratedRegex(@"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)")]
    private static partial Regex SocketErrors();
}
