namespace Rota;

/// <summary>Waits between retries against a store that is down: 0.5 s, doubling, at most 15 s; reset on success.</summary>
internal sealed class RetryBackoff
{
    public static readonly TimeSpan First = TimeSpan.FromMilliseconds(500);
    public static readonly TimeSpan Max = TimeSpan.FromSeconds(15);
    private TimeSpan _next = First;

    /// <summary>The wait before the next retry; doubles the one after.</summary>
    public TimeSpan Next()
    {
        var wait = _next;
        _next = _next * 2 < Max ? _next * 2 : Max;
        return wait;
    }

    public void Reset() => _next = First;
}
