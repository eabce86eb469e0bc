using System.Collections.Concurrent;

namespace Rota.Server.Auth;

/// <summary>Decides when a token's last-used time is written: at most once a minute per token. One per host (a
/// singleton), never static: token ids restart at 1 in every store, so a process hosting two servers must not share it.</summary>
public sealed class TokenTouchThrottle
{
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);
    private readonly ConcurrentDictionary<long, DateTimeOffset> _lastTouched = new();

    /// <summary>True (and remembers <paramref name="now"/>) when <paramref name="tokenId"/> should be written now.</summary>
    public bool ShouldTouch(long tokenId, DateTimeOffset now)
    {
        if (_lastTouched.TryGetValue(tokenId, out var last) && now - last < Interval) return false;
        _lastTouched[tokenId] = now;
        return true;
    }
}
