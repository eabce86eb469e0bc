using System.Collections.Concurrent;
using Rota.Storage;

namespace Rota.Server.Auth;

/// <summary>
/// Remembers found tokens (by hash) so a busy client does not cost a store read per request — on PostgreSQL a round trip.
/// Automatic by default (<c>RotaServerOptions.TokenCacheTtl</c> null): used only while the store announces every token
/// and user change (<see cref="IAuthChangeNotifier"/>, PostgreSQL with notifications) and this server is listening, so
/// a revocation anywhere is honoured on the next request after its notification; otherwise (SQLite, notifications
/// off, listener down) every request reads the store. An explicit TTL remembers tokens that long even when changes are
/// not announced (changes made elsewhere then take effect within it); zero turns it off. Expiry is checked on every
/// request against the token's stored <c>expires_at</c>; unknown tokens are never remembered. One per host (a singleton).
/// </summary>
public sealed class TokenLookupCache
{
    /// <summary>How long a token is remembered in automatic mode: a bound should a listener's connection die unnoticed
    /// (TCP keepalive notices within about half a minute).</summary>
    public static readonly TimeSpan AnnouncedTtl = TimeSpan.FromMinutes(1);

    private const int MaxEntries = 10_000;
    private readonly ConcurrentDictionary<string, Entry> _found = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;
    private readonly IAuthChangeNotifier? _announcer;
    private readonly bool _trustTtl;
    // Bumped by every invalidation: an entry counts only if nothing was invalidated since its store read began, so a
    // read racing a revocation never lands in the cache after the revocation's notification cleared it.
    private long _generation;
    private long _storeReads;

    /// <param name="ttl">Null: automatic (see the type); zero: off; positive: remembered that long even unannounced.</param>
    public TokenLookupCache(TimeProvider time, TimeSpan? ttl, IAuthChangeNotifier? announcer)
    {
        _time = time;
        _announcer = announcer is { AuthChangesAnnounced: true } ? announcer : null;
        _trustTtl = ttl > TimeSpan.Zero;
        Ttl = ttl ?? (_announcer is null ? TimeSpan.Zero : AnnouncedTtl);
    }

    public TimeSpan Ttl { get; }

    /// <summary>True when this server listens for announced changes (it then needs <see cref="Invalidate"/> called on each).</summary>
    public bool FollowsAnnouncements => _announcer is not null && Ttl > TimeSpan.Zero;

    /// <summary>True when found tokens are remembered right now.</summary>
    public bool IsActive => Ttl > TimeSpan.Zero && (_trustTtl || _announcer?.IsListeningForAuthChanges == true);

    /// <summary>Lookups that went to the store (for tests and diagnostics).</summary>
    public long StoreReads => Interlocked.Read(ref _storeReads);

    /// <summary>How many times the cache was cleared (for tests and diagnostics).</summary>
    public long Invalidations => Interlocked.Read(ref _generation);

    public async Task<TokenLookup?> FindAsync(IRotaStore store, string hash, CancellationToken ct)
    {
        var generation = Interlocked.Read(ref _generation);
        var active = IsActive;
        var now = _time.GetUtcNow();
        if (active && _found.TryGetValue(hash, out var hit) && hit.Generation == generation && now - hit.ReadAt < Ttl && now >= hit.ReadAt)
            return hit.Found;
        Interlocked.Increment(ref _storeReads);
        var found = await store.TokenFind(hash, ct);
        if (found is null || !active) return found;
        if (_found.Count >= MaxEntries) _found.Clear();
        _found[hash] = new Entry(found, now, generation);
        return found;
    }

    /// <summary>Forgets every remembered token: called after revoking a token or changing a user here, and for every
    /// change, (re)connect or loss the store announces.</summary>
    public void Invalidate()
    {
        Interlocked.Increment(ref _generation);
        _found.Clear();
    }

    private readonly record struct Entry(TokenLookup Found, DateTimeOffset ReadAt, long Generation);
}
