using System.Diagnostics;

namespace Rota.Benchmarks.Crawl;

/// <summary>Samples this process's resident set every 50 ms while alive and keeps the highest value.</summary>
internal sealed class RssSampler : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private long _peak;

    public RssSampler() => _loop = LoopAsync();

    public double PeakMiB => Interlocked.Read(ref _peak) / (1024.0 * 1024.0);

    private async Task LoopAsync()
    {
        using var process = Process.GetCurrentProcess();
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(50));
        try
        {
            do
            {
                process.Refresh();
                var ws = process.WorkingSet64;
                if (ws > Interlocked.Read(ref _peak)) Interlocked.Exchange(ref _peak, ws);
            }
            while (await timer.WaitForNextTickAsync(_stop.Token));
        }
        catch (OperationCanceledException) { }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
    }
}
