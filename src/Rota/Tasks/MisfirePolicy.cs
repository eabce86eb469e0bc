namespace Rota.Tasks;

/// <summary>What to do with occurrences whose time passed while Rota was not running (or paused/late).</summary>
public enum MisfireKind
{
    /// <summary>One run for all missed occurrences, nominal time = the latest. The default.</summary>
    Coalesce,
    /// <summary>One run per missed occurrence, at most <see cref="MisfirePolicy.MaxCatchup"/>.</summary>
    All,
    /// <summary>Run none of them; each is recorded as missed.</summary>
    Skip,
}

/// <param name="Kind">Default <see cref="MisfireKind.Coalesce"/>.</param>
/// <param name="MaxCatchup">For <see cref="MisfireKind.All"/>: the most catch-up runs (default 100).</param>
/// <param name="CatchupWindow">Occurrences older than this when noticed are recorded as missed (null = unbounded).
/// Seed 002's APScheduler <c>misfire_grace_time=3600</c> maps to a 1 h window.</param>
/// <param name="Grace">An occurrence noticed at most this late is on time, not a misfire (default 5 s).</param>
public sealed record MisfirePolicy(
    MisfireKind Kind = MisfireKind.Coalesce,
    int MaxCatchup = 100,
    TimeSpan? CatchupWindow = null,
    TimeSpan? Grace = null)
{
    public static MisfirePolicy Default { get; } = new();

    public TimeSpan EffectiveGrace => Grace ?? TimeSpan.FromSeconds(5);
}
