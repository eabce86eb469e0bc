namespace Rota.Crawler.Scheduling;

/// <summary>Parameters of the predictive schedule's posting model (docs/crawler.md, "Predictive scheduling").
/// Every property documents its default.</summary>
public sealed record PredictiveOptions
{
    /// <summary>Crawl when this many new items are expected since the last crawl. Lower: sooner and more fetches.
    /// Default 0.5: with 1, a source that posts once a day would reach it only at the end of its posting hour or later.</summary>
    public double Threshold { get; init; } = 0.5;

    /// <summary>An observation this old counts half as much as one from now. Default 14 days.</summary>
    public TimeSpan HalfLife { get; init; } = TimeSpan.FromDays(14);

    /// <summary>Only items of this last span are learned from. Default 8 weeks.</summary>
    public TimeSpan Window { get; init; } = TimeSpan.FromDays(56);

    /// <summary>Items (within <see cref="Window"/>) needed before the model is used; fewer: adaptive polling. Default 8.</summary>
    public int MinItems { get; init; } = 8;

    /// <summary>Newest items read per decision. Default 500.</summary>
    public int MaxItems { get; init; } = 500;

    /// <summary>Weight of the source's overall rate in each hour-of-week bucket, in observed hours: keeps sparse buckets
    /// above zero. Default 1 hour.</summary>
    public double PriorHours { get; init; } = 1.0;

    /// <summary>Spread of the deterministic per-source offset added to the predicted time, so sources with the same
    /// profile do not all fire at once. Default 5 min (±2.5 min).</summary>
    public TimeSpan Jitter { get; init; } = TimeSpan.FromMinutes(5);

    public static PredictiveOptions Default { get; } = new();

    /// <summary>Every invalid setting, each naming its key and value; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (!(Threshold > 0 && Threshold <= 1000)) errors.Add($"crawler: PredictiveThreshold must lie in (0, 1000], got {Threshold}");
        if (HalfLife <= TimeSpan.Zero) errors.Add($"crawler: PredictiveHalfLife must be positive, got {HalfLife}");
        if (Window < TimeSpan.FromDays(1)) errors.Add($"crawler: PredictiveWindow must be at least 1 day, got {Window}");
        if (MinItems < 2) errors.Add($"crawler: PredictiveMinItems must be at least 2, got {MinItems}");
        if (MaxItems < MinItems) errors.Add($"crawler: PredictiveMaxItems {MaxItems} must be at least PredictiveMinItems {MinItems}");
        if (!(PriorHours > 0)) errors.Add($"crawler: PredictivePriorHours must be positive, got {PriorHours}");
        if (Jitter < TimeSpan.Zero) errors.Add($"crawler: PredictiveJitter must not be negative, got {Jitter}");
        return errors;
    }
}
