namespace Rota.Scheduling;

public enum TriggerKind
{
    /// <summary>Cron expression (5 or 6 fields, seconds first when 6; <c>H</c> allowed; macros like @daily).</summary>
    Cron,
    /// <summary>Fixed rate: every <see cref="TriggerSpec.Interval"/>, anchored at the Unix epoch plus <see cref="TriggerSpec.Phase"/>.</summary>
    Every,
    /// <summary>Fixed delay: <see cref="TriggerSpec.Interval"/> after the previous run of the task completed.</summary>
    AfterCompletion,
    /// <summary>Once, at <see cref="TriggerSpec.At"/>.</summary>
    At,
}

/// <summary>One way a schedule fires; a schedule's specs are combined as a union.</summary>
public sealed record TriggerSpec(
    TriggerKind Kind,
    string? Cron = null,
    TimeSpan? Interval = null,
    TimeSpan? Phase = null,
    DateTimeOffset? At = null)
{
    public static TriggerSpec ForCron(string expression) => new(TriggerKind.Cron, Cron: expression);
    public static TriggerSpec ForEvery(TimeSpan interval, TimeSpan? phase = null) => new(TriggerKind.Every, Interval: interval, Phase: phase);
    public static TriggerSpec ForAfterCompletion(TimeSpan delay) => new(TriggerKind.AfterCompletion, Interval: delay);
    public static TriggerSpec ForAt(DateTimeOffset at) => new(TriggerKind.At, At: at);

    /// <summary>Compact text form used in listings and storage: <c>cron:0 2 * * *</c>, <c>every:00:05:00</c>, …</summary>
    public override string ToString() => Kind switch
    {
        TriggerKind.Cron => $"cron:{Cron}",
        TriggerKind.Every => Phase is { } p && p != TimeSpan.Zero ? $"every:{Interval:c}+{p:c}" : $"every:{Interval:c}",
        TriggerKind.AfterCompletion => $"after_completion:{Interval:c}",
        TriggerKind.At => $"at:{At:O}",
        _ => Kind.ToString(),
    };
}
