using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using Rota.Server.Problems;

namespace Rota.Server.Hosting;

/// <summary>Rate limits, partitioned by token (so one client cannot starve another): <see cref="Trigger"/> on run-now and
/// retry, <see cref="OnDemand"/> per user on seed 002's sync/analyze/pipeline. A refused request gets 429 problem+json
/// with Retry-After.</summary>
public static class RateLimits
{
    public const string Trigger = "trigger";
    public const string OnDemand = "on-demand";

    public static void Add(IServiceCollection services, RotaServerOptions options)
    {
        services.AddRateLimiter(o =>
        {
            o.AddPolicy(Trigger, http => RateLimitPartition.GetFixedWindowLimiter(Partition(http, "token"),
                _ => new FixedWindowRateLimiterOptions { PermitLimit = options.TriggerPermitsPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
            o.AddPolicy(OnDemand, http => RateLimitPartition.GetFixedWindowLimiter(Partition(http, "user"),
                _ => new FixedWindowRateLimiterOptions { PermitLimit = options.OnDemandPermitsPerHour, Window = TimeSpan.FromHours(1), QueueLimit = 0 }));
            o.OnRejected = async (ctx, ct) =>
            {
                var retry = ctx.Lease.TryGetMetadata(MetadataName.RetryAfter, out var ra) ? ra : TimeSpan.FromMinutes(1);
                await ProblemWriter.WriteAsync(ctx.HttpContext, new ApiProblem(429, "request.rate_limited",
                    $"request: too many requests; retry after {Math.Ceiling(retry.TotalSeconds).ToString(CultureInfo.InvariantCulture)} s") { RetryAfter = retry });
            };
        });
    }

    private static string Partition(HttpContext http, string by) => by == "user"
        ? http.User.Identity?.Name ?? "anonymous"
        : http.User.FindFirst(Auth.Caller.TokenIdClaim)?.Value ?? "anonymous";
}
