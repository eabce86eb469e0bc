using System.Collections.Concurrent;
using Rota.Storage;

namespace Rota.Server.Auth;

/// <summary>
/// Remembers found tokens (by hash) for a short time, when turned on (<c>RotaServerOptions.TokenCacheTtl</c>, off by
/// default), so a busy client does not cost a store read per request — on PostgreSQL a round trip. Expiry is still checked on every request against the token's stored <c>expires_at</c>;
/// a revocation or user change made through this server clears the cache at once (<see cref="Invalidate"/>), one made
/// elsewhere (another node, <c>rota token revoke</c> on the database) takes effect within <see cref="Ttl"/>.
/// Unknown tokens are never remembered. One per host (a singleton).
/// </summary>
public sealed class TokenLookupCache(TimeProvider time, TimeSpan ttl)
{
    private const int MaxEntries = 10_000;
    private readonly ConcurrentDictionary<string, (TokenLookup Found, DateTimeOffset ReadAt)> _found = new(StringComparer.Ordinal);

    public TimeSpan Ttl { get; } = ttl;

    public async Task<TokenLookup?> FindAsync(IRotaStore store, string hash, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        if (Ttl > TimeSpan.Zero && _found.TryGetValue(hash, out var hit) && now - hit.ReadAt < Ttl && now >= hit.ReadAt) return hit.Found;
        var found = await store.TokenFind(hash, ct);
        if (found is null || Ttl <= TimeSpan.Zero) return found;
        if (_found.Count >= MaxEntries) _found.Clear();
        _found[hash] = (found, now);
        return found;
    }

    /// <summary>Forgets every remembered token: call after revoking a token or changing a user.</summary>
    public void Invalidate() => _found.Clear();
}
