using System.Diagnostics;
using System.Reflection;

namespace Rota.Benchmarks.Child;

/// <summary>Runs one system through one scenario in a child process (this executable, verb <c>child</c>), so CPU time,
/// RSS and threads belong to that system alone. The child's other output is shown indented under its name.</summary>
internal static class ChildLauncher
{
    /// <summary>Runs one child; a failed child is reported on the console and gives null, so the other systems still run.</summary>
    public static async Task<T?> RunOrReportAsync<T>(string scenario, string system, IEnumerable<string> options, TimeSpan limit) where T : class
    {
        try { return await RunAsync<T>(scenario, system, options, limit); }
        catch (ChildFailedException ex)
        {
            Console.WriteLine("  ! " + ex.Message);
            return null;
        }
    }

    public static async Task<T> RunAsync<T>(string scenario, string system, IEnumerable<string> options, TimeSpan limit)
    {
        var psi = SelfStartInfo();
        foreach (var a in new[] { ChildEntry.Verb, scenario, system }.Concat(options)) psi.ArgumentList.Add(a);
        using var process = new Process { StartInfo = psi };
        string? result = null;
        var tail = new Queue<string>();
        void OnLine(string? line)
        {
            if (line is null) return;
            if (line.StartsWith(ChildProtocol.ResultMarker, StringComparison.Ordinal)) { result = line[ChildProtocol.ResultMarker.Length..]; return; }
            lock (tail)
            {
                tail.Enqueue(line);
                if (tail.Count > 40) tail.Dequeue();
            }
            Console.Error.WriteLine($"    [{system}] {line}");
        }
        process.OutputDataReceived += (_, e) => OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => OnLine(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var timeout = new CancellationTokenSource(limit);
        try { await process.WaitForExitAsync(timeout.Token); }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new ChildFailedException($"{system}: {scenario} child did not finish within {limit} (killed)");
        }
        process.WaitForExit();
        if (process.ExitCode != 0 || result is null)
            throw new ChildFailedException($"{system}: {scenario} child exited with code {process.ExitCode} without a result:\n" + string.Join('\n', tail));
        return ChildProtocol.Decode<T>(result);
    }

    /// <summary>This program again: the apphost when there is one, else <c>dotnet Rota.Benchmarks.dll</c>.</summary>
    public static ProcessStartInfo SelfStartInfo()
    {
        var host = Environment.ProcessPath ?? throw new InvalidOperationException("bench: cannot tell this process's executable");
        var psi = new ProcessStartInfo(host) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        // Every system runs with the runtime settings of `./rota serve` (see the rota script): a 2 MiB gen0 budget.
        if (Environment.GetEnvironmentVariable("DOTNET_GCgen0size") is null) psi.Environment["DOTNET_GCgen0size"] = "0x200000";
        if (Path.GetFileNameWithoutExtension(host).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
            psi.ArgumentList.Add(Assembly.GetEntryAssembly()?.Location ?? throw new InvalidOperationException("bench: no entry assembly"));
        return psi;
    }
}
