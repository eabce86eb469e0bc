using Microsoft.Extensions.Logging;

namespace Rota;

/// <summary>
/// Whether the store answers, as every engine loop sees it. A transient store error (unreachable, timed out, shutting
/// down) is an outage: the first loop to hit it logs one warning, the first success after it logs one info, and the
/// loops back off (<see cref="RetryBackoff"/>) instead of logging every poll. Other errors are not outages: their loop
/// logs them as before.
/// </summary>
internal sealed partial class StoreHealth(TimeProvider time, ILogger logger)
{
    private int _down;
    private DateTimeOffset _since;

    public bool IsDown => Volatile.Read(ref _down) == 1;

    /// <summary>When the current outage began; null while the store answers.</summary>
    public DateTimeOffset? DownSince => IsDown ? _since : null;

    /// <summary>Records <paramref name="ex"/>; true when it is an outage (the caller backs off and logs nothing).</summary>
    public bool Failed(Exception ex, string loop)
    {
        if (!IsOutage(ex)) return false;
        if (Interlocked.Exchange(ref _down, 1) == 0)
        {
            _since = time.GetUtcNow();
            LogDown(loop, ex.Message);
        }
        return true;
    }

    /// <summary>A store call succeeded: the outage, if any, is over.</summary>
    public void Succeeded()
    {
        if (Volatile.Read(ref _down) == 0 || Interlocked.Exchange(ref _down, 0) == 0) return;
        LogUp((time.GetUtcNow() - _since).TotalSeconds);
    }

    public static bool IsOutage(Exception ex) =>
        ex is RotaException { IsTransient: true } or TimeoutException or System.Net.Sockets.SocketException;

    [LoggerMessage(EventId = 5001, Level = LogLevel.Warning, Message = "store: unreachable ({Loop}: {Reason}); running work continues, no new work is claimed, completions are kept and retried with backoff")]
    private partial void LogDown(string loop, string reason);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Information, Message = "store: reachable again after {Seconds:F1} s; resuming")]
    private partial void LogUp(double seconds);
}
