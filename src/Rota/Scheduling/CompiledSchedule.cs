namespace Rota.Scheduling;

/// <summary>
/// A validated schedule ready for fire-time arithmetic: the union of its specs in its time zone,
/// bounded by StartAt/EndAt and excluded dates. All instants are UTC-comparable DateTimeOffsets.
/// </summary>
public sealed class CompiledSchedule
{
    internal CompiledSchedule(ScheduleDefinition definition, TimeZoneInfo zone, string hashKey)
    {
        Definition = definition;
        Zone = zone;
        HashKey = hashKey;
    }

    public ScheduleDefinition Definition { get; }
    public TimeZoneInfo Zone { get; }
    public string HashKey { get; }

    /// <summary>The first nominal occurrence strictly after <paramref name="after"/>, or null when the schedule is exhausted.
    /// after_completion specs do not contribute (the engine fires them from completions).</summary>
    public DateTimeOffset? NextAfter(DateTimeOffset after) => throw new NotImplementedException();

    /// <summary>Delay of the after_completion spec, when the schedule has one.</summary>
    public TimeSpan? AfterCompletionDelay => throw new NotImplementedException();

    /// <summary>Deterministic jitter for one occurrence, in [0, Jitter), capped below the gap to the next occurrence.</summary>
    public TimeSpan JitterFor(DateTimeOffset nominal) => throw new NotImplementedException();
}
