using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using Rota.Server.Auth;
using Rota.Server.Hosting;

namespace Rota.Server.Dashboard;

/// <summary>Run now, Retry and Crawl now from the dashboard get the API's trigger allowance
/// (<see cref="RotaServerOptions.TriggerPermitsPerMinute"/>, <c>ROTA_TRIGGER_PERMITS_PER_MINUTE</c>) per signed-in user,
/// in a fixed one-minute window, so a session cannot trigger faster than a token can.</summary>
public sealed class DashboardTriggerLimiter(IOptions<RotaServerOptions> options) : IDisposable
{
    private readonly PartitionedRateLimiter<Caller> _limiter = PartitionedRateLimiter.Create<Caller, long>(caller =>
        RateLimitPartition.GetFixedWindowLimiter(caller.UserId, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = options.Value.TriggerPermitsPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0,
        }));

    public int PermitsPerMinute => options.Value.TriggerPermitsPerMinute;

    /// <summary>True when the caller may trigger now (a permit is used); false when the minute's permits are spent.</summary>
    public bool TryAcquire(Caller caller)
    {
        using var lease = _limiter.AttemptAcquire(caller);
        return lease.IsAcquired;
    }

    /// <summary>The banner for a refused Run now, Retry or Crawl now.</summary>
    public ActionOutcome Refusal(string page) => new(page, null,
        $"Too many started: at most {PermitsPerMinute} Run now, Retry or Crawl now a minute (the same limit as the API's). Nothing was started; try again in a minute.");

    public void Dispose() => _limiter.Dispose();
}
