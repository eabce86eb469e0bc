using System.Diagnostics;
using Rota.Benchmarks.Child;

namespace Rota.Benchmarks.Api;

/// <summary>Starts <see cref="HangfireDashboardHost"/> as a child process and tells its URL.</summary>
internal sealed class HangfirePeer : IAsyncDisposable
{
    private readonly Process _process;

    private HangfirePeer(Process process, string url)
    {
        _process = process;
        Url = url;
    }

    public string Url { get; }

    /// <summary>User + system CPU time the peer process has used so far.</summary>
    public TimeSpan CpuTime
    {
        get
        {
            _process.Refresh();
            return _process.TotalProcessorTime;
        }
    }

    public static async Task<HangfirePeer> StartAsync(int jobs)
    {
        var psi = ChildLauncher.SelfStartInfo();
        psi.RedirectStandardInput = true;
        psi.ArgumentList.Add(HangfireDashboardHost.Verb);
        psi.ArgumentList.Add("--jobs");
        psi.ArgumentList.Add(jobs.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var p = Process.Start(psi)!;
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        while (await p.StandardOutput.ReadLineAsync(cts.Token) is { } line)
            if (line.StartsWith("hangfire-dashboard ", StringComparison.Ordinal)) return new HangfirePeer(p, line["hangfire-dashboard ".Length..].Trim());
        throw new InvalidOperationException($"hangfire dashboard child exited ({p.ExitCode}): {await p.StandardError.ReadToEndAsync()}");
    }

    public async ValueTask DisposeAsync()
    {
        _process.StandardInput.Close();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        try { await _process.WaitForExitAsync(cts.Token); }
        catch (OperationCanceledException) { _process.Kill(entireProcessTree: true); }
        _process.Dispose();
    }
}
