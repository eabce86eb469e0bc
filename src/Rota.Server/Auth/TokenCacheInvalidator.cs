using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Rota.Storage;

namespace Rota.Server.Auth;

/// <summary>Keeps the <see cref="TokenLookupCache"/> honest on a store that announces token and user changes: listens
/// (reconnecting) and clears the cache on every change, reconnect and loss. Does nothing when the cache does not
/// follow announcements (SQLite, notifications off, cache turned off).</summary>
public sealed class TokenCacheInvalidator(TokenLookupCache cache, IRotaStore store, ILogger<TokenCacheInvalidator> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        cache.FollowsAnnouncements && store is IAuthChangeNotifier announcer
            ? announcer.AuthChangesListen(cache.Invalidate, logger, stoppingToken)
            : Task.CompletedTask;
}
