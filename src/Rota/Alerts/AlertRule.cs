namespace Rota.Alerts;

/// <summary>One alert rule: what to watch, where to send, how the message reads, how often it may repeat.</summary>
public sealed record AlertRule
{
    public required string Name { get; init; }
    public required AlertRuleKind Kind { get; init; }
    public required IReadOnlyList<string> Channels { get; init; }
    public bool Enabled { get; init; } = true;
    /// <summary>Run rules: only this task (null: every task).</summary>
    public string? Task { get; init; }
    /// <summary>Run rules: only tasks with at least one of these tags (empty: no filter).</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];
    /// <summary><c>consecutive_failures</c>: how many (default 3); <c>sources_failed_in_crawl</c>: fire above this (default 5).</summary>
    public int? Count { get; init; }
    /// <summary>Time-based rules: the threshold (defaults per kind, see <see cref="AlertDefaults"/>).</summary>
    public TimeSpan? Duration { get; init; }
    /// <summary>While still firing, send again at most this often; null sends one message per outage.</summary>
    public TimeSpan? Repeat { get; init; }
    public AlertTemplate Template { get; init; } = new();
    /// <summary><c>stat_out_of_range</c>: the key in the run's stats.</summary>
    public string? Stat { get; init; }
    /// <summary><c>stat_out_of_range</c>: the lowest value in range (null: no lower bound).</summary>
    public double? Min { get; init; }
    /// <summary><c>stat_out_of_range</c>: the highest value in range (null: no upper bound).</summary>
    public double? Max { get; init; }
    /// <summary><c>stat_out_of_range</c>: a run that does not report the value (or not as a number) fires (default) or is ignored.</summary>
    public bool IgnoreMissing { get; init; }
}
