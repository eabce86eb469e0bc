using Cronos;

namespace Rota.Scheduling;

/// <summary>Validates and compiles schedule definitions. Errors are <see cref="RotaException"/>s with codes
/// <c>cron.invalid_field</c>, <c>cron.never_fires</c>, <c>schedule.bad_time_zone</c>, <c>schedule.invalid</c>.</summary>
public static class ScheduleCompiler
{
    private static readonly DateTimeOffset NeverFiresProbeStart = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <param name="hashKey">Seed of <c>H</c> fields and jitter: the task name.</param>
    public static CompiledSchedule Compile(ScheduleDefinition definition, string hashKey)
    {
        var zone = FindZone(definition.TimeZone);
        if (definition.Specs.Count == 0)
            throw new RotaException("schedule.invalid", $"schedule: '{definition.Name}' has no trigger (cron, every, after_completion or at)");
        if (definition.EndAt is { } end && definition.StartAt is { } start && end <= start)
            throw new RotaException("schedule.invalid", $"schedule: '{definition.Name}' end_at {end:O} is not after start_at {start:O}");
        if (definition.MaxRuns is < 1)
            throw new RotaException("schedule.invalid", $"schedule: '{definition.Name}' max_runs {definition.MaxRuns} must be at least 1");
        if (definition.Jitter is { } j && j < TimeSpan.Zero)
            throw new RotaException("schedule.invalid", $"schedule: '{definition.Name}' jitter {j} must not be negative");
        var crons = new List<CronExpression>();
        var expanded = new List<string>();
        foreach (var spec in definition.Specs)
        {
            switch (spec.Kind)
            {
                case TriggerKind.Cron:
                    var (cron, text) = CompileCron(spec.Cron ?? "", hashKey);
                    crons.Add(cron);
                    expanded.Add(text);
                    break;
                case TriggerKind.Every or TriggerKind.AfterCompletion when spec.Interval is not { } i || i <= TimeSpan.Zero:
                    throw new RotaException("schedule.invalid", $"schedule: '{definition.Name}' {TextNames.Of(spec.Kind)} interval '{spec.Interval}' must be positive");
                case TriggerKind.Every when spec.Phase is { } p && p < TimeSpan.Zero:
                    throw new RotaException("schedule.invalid", $"schedule: '{definition.Name}' phase {p} must not be negative");
                case TriggerKind.At when spec.At is null:
                    throw new RotaException("schedule.invalid", $"schedule: '{definition.Name}' 'at' needs an instant");
            }
        }
        if (definition.Specs.Count(s => s.Kind == TriggerKind.AfterCompletion) > 1)
            throw new RotaException("schedule.invalid", $"schedule: '{definition.Name}' may have only one after_completion spec");
        return new CompiledSchedule(definition, zone, hashKey, crons, expanded);
    }

    /// <summary>Parses one cron expression (H expanded with <paramref name="hashKey"/>) and rejects one that never fires.</summary>
    public static (CronExpression Cron, string Expanded) CompileCron(string expression, string hashKey)
    {
        var six = CronFields.Normalize(expression);
        for (var i = 0; i < 6; i++) six[i] = HashExpander.ExpandField(six[i], i, hashKey);
        var cron = CronFields.Parse(six, expression);
        // 28 years covers every weekday/leap-year combination: nothing in that span means never.
        var first = cron.GetNextOccurrence(NeverFiresProbeStart, TimeZoneInfo.Utc);
        if (first is null || first > NeverFiresProbeStart.AddYears(28))
            throw new RotaException("cron.never_fires",
                $"cron: '{expression}' never fires: day-of-month '{six[3]}' never occurs in month '{six[4]}'" +
                (six[5] is "*" or "?" ? "" : $" with day-of-week '{six[5]}'"));
        return (cron, string.Join(' ', six));
    }

    public static TimeZoneInfo FindZone(string id)
    {
        if (string.IsNullOrWhiteSpace(id)) return TimeZoneInfo.Utc;
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(id);
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            throw new RotaException("schedule.bad_time_zone", $"schedule: time zone '{id}' is not a known IANA time zone (e.g. 'Europe/London', 'America/New_York', 'UTC')", inner: ex);
        }
    }
}
