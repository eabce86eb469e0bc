using Cronos;

namespace Rota.Scheduling;

/// <summary>
/// A validated schedule ready for fire-time arithmetic: the union of its specs in its time zone,
/// bounded by StartAt/EndAt and excluded dates. All instants are UTC-comparable DateTimeOffsets.
/// </summary>
public sealed class CompiledSchedule
{
    private readonly IReadOnlyList<CronExpression> _crons;

    internal CompiledSchedule(ScheduleDefinition definition, TimeZoneInfo zone, string hashKey,
        IReadOnlyList<CronExpression> crons, IReadOnlyList<string> expandedCrons)
    {
        Definition = definition;
        Zone = zone;
        HashKey = hashKey;
        _crons = crons;
        ExpandedCronExpressions = expandedCrons;
    }

    public ScheduleDefinition Definition { get; }
    public TimeZoneInfo Zone { get; }
    public string HashKey { get; }

    /// <summary>The cron specs as evaluated: six fields, macros and <c>H</c> replaced.</summary>
    public IReadOnlyList<string> ExpandedCronExpressions { get; }

    /// <summary>The first nominal occurrence strictly after <paramref name="after"/>, or null when the schedule is exhausted.
    /// after_completion specs do not contribute (the engine fires them from completions).</summary>
    public DateTimeOffset? NextAfter(DateTimeOffset after)
    {
        var from = Definition.StartAt is { } start && start > after ? start.AddTicks(-1) : after;
        for (var guard = 0; guard < 10_000; guard++)
        {
            var next = Earliest(from);
            if (next is null) return null;
            if (Definition.EndAt is { } end && next > end) return null;
            var localDate = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(next.Value, Zone).DateTime);
            if (!Definition.ExcludedDates.Contains(localDate)) return next;
            from = next.Value;
        }
        return null;
    }

    /// <summary>Delay of the after_completion spec, when the schedule has one.</summary>
    public TimeSpan? AfterCompletionDelay =>
        Definition.Specs.FirstOrDefault(s => s.Kind == TriggerKind.AfterCompletion)?.Interval;

    /// <summary>Deterministic jitter for one occurrence, in [0, Jitter), capped at half the gap to the next occurrence.</summary>
    public TimeSpan JitterFor(DateTimeOffset nominal)
    {
        if (Definition.Jitter is not { } jitter || jitter <= TimeSpan.Zero) return TimeSpan.Zero;
        var cap = jitter;
        if (Earliest(nominal) is { } following) cap = TimeSpan.FromTicks(Math.Min(cap.Ticks, (following - nominal).Ticks / 2));
        var fraction = HashExpander.StableHash(HashKey, unchecked((int)nominal.UtcTicks ^ (int)(nominal.UtcTicks >> 32))) / (double)uint.MaxValue;
        return TimeSpan.FromMilliseconds(Math.Floor(cap.TotalMilliseconds * fraction));
    }

    private DateTimeOffset? Earliest(DateTimeOffset after)
    {
        DateTimeOffset? best = null;
        foreach (var cron in _crons)
            Keep(ref best, cron.GetNextOccurrence(after, Zone, inclusive: false));
        foreach (var spec in Definition.Specs)
        {
            switch (spec.Kind)
            {
                case TriggerKind.Every:
                    Keep(ref best, NextEvery(after, spec.Interval!.Value, spec.Phase ?? TimeSpan.Zero));
                    break;
                case TriggerKind.At when spec.At > after:
                    Keep(ref best, spec.At);
                    break;
            }
        }
        return best;
    }

    /// <summary>Fixed rate anchored at the Unix epoch plus phase, so restarts never shift the grid.</summary>
    private static DateTimeOffset NextEvery(DateTimeOffset after, TimeSpan interval, TimeSpan phase)
    {
        var anchor = DateTimeOffset.UnixEpoch + phase;
        var elapsed = (after - anchor).Ticks;
        var steps = elapsed < 0 ? 0 : elapsed / interval.Ticks + 1;
        var next = anchor + TimeSpan.FromTicks(steps * interval.Ticks);
        while (next <= after) next += interval;
        return next;
    }

    private static void Keep(ref DateTimeOffset? best, DateTimeOffset? candidate)
    {
        if (candidate is { } c && (best is null || c < best)) best = c;
    }
}
