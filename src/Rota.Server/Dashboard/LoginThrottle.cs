using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;

namespace Rota.Server.Dashboard;

/// <summary>Slows password and token guessing on the sign-in form: at most <see cref="PermitsPerMinute"/> attempts a
/// minute per client address (successful or not). Further attempts are refused without checking the credentials.</summary>
public sealed class LoginThrottle : IDisposable
{
    public const int PermitsPerMinute = 20;

    private readonly PartitionedRateLimiter<HttpContext> _limiter = PartitionedRateLimiter.Create<HttpContext, string>(http =>
        RateLimitPartition.GetFixedWindowLimiter(http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
            _ => new FixedWindowRateLimiterOptions { PermitLimit = PermitsPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));

    /// <summary>True when this attempt may proceed.</summary>
    public bool TryAcquire(HttpContext http)
    {
        using var lease = _limiter.AttemptAcquire(http);
        return lease.IsAcquired;
    }

    public void Dispose() => _limiter.Dispose();
}
