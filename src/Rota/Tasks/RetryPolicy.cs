namespace Rota.Tasks;

/// <summary>Retries of failed attempts: exponential backoff with full jitter, transient errors only by default.</summary>
/// <param name="MaxAttempts">Total attempts including the first (default 3; 1 = no retry).</param>
/// <param name="BaseDelay">Delay before the second attempt (default 30 s).</param>
/// <param name="Factor">Multiplier per further attempt (default 2).</param>
/// <param name="MaxDelay">Cap on one delay (default 10 min).</param>
/// <param name="Jitter">Full jitter: the delay is drawn uniformly from [0, computed] (default true).</param>
/// <param name="RetryPermanentErrors">Retry errors not marked transient too (default false; exceptions of
/// unknown kind count as transient, so only errors a handler marks permanent are not retried).</param>
public sealed record RetryPolicy(
    int MaxAttempts = 3,
    TimeSpan? BaseDelay = null,
    double Factor = 2,
    TimeSpan? MaxDelay = null,
    bool Jitter = true,
    bool RetryPermanentErrors = false)
{
    public static RetryPolicy Default { get; } = new();

    public TimeSpan EffectiveBaseDelay => BaseDelay ?? TimeSpan.FromSeconds(30);
    public TimeSpan EffectiveMaxDelay => MaxDelay ?? TimeSpan.FromMinutes(10);

    /// <summary>Delay before attempt <paramref name="nextAttempt"/> (2 = first retry); <paramref name="unitRandom"/> in [0,1).</summary>
    public TimeSpan DelayBefore(int nextAttempt, double unitRandom)
    {
        var exponent = Math.Max(0, nextAttempt - 2);
        var ms = EffectiveBaseDelay.TotalMilliseconds * Math.Pow(Factor, exponent);
        ms = Math.Min(ms, EffectiveMaxDelay.TotalMilliseconds);
        if (Jitter) ms *= unitRandom;
        return TimeSpan.FromMilliseconds(Math.Max(0, ms));
    }
}
