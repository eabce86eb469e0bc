using System.Globalization;

namespace Rota.Scheduling;

/// <summary>The next N fire times of a schedule, annotated where a DST transition moves or repeats them.</summary>
public static class FirePreview
{
    public static IReadOnlyList<FireTime> Next(ScheduleDefinition definition, string hashKey, DateTimeOffset from, int count)
    {
        if (count < 1 || count > 1000) throw new RotaException("preview.bad_count", $"preview: count {count} must be between 1 and 1000");
        var compiled = ScheduleCompiler.Compile(definition, hashKey);
        var zone = compiled.Zone;
        var fixedTimes = compiled.ExpandedCronExpressions.Select(FixedTimeOfDay).ToList();
        var result = new List<FireTime>(count);
        var cursor = from;
        TimeSpan? previousOffset = null;
        while (result.Count < count && compiled.NextAfter(cursor) is { } next)
        {
            var local = TimeZoneInfo.ConvertTime(next, zone);
            result.Add(new FireTime(next, local, Note(zone, local, fixedTimes, previousOffset)));
            previousOffset = local.Offset;
            cursor = next;
        }
        return result;
    }

    private static string? Note(TimeZoneInfo zone, DateTimeOffset local, List<TimeSpan?> fixedTimes, TimeSpan? previousOffset)
    {
        var date = local.Date;
        foreach (var wanted in fixedTimes.OfType<TimeSpan>())
        {
            var wall = date + wanted;
            if (local.TimeOfDay != wanted && zone.IsInvalidTime(wall))
                return $"{Clock(wanted)} does not exist on {date:yyyy-MM-dd} (DST starts) → runs at {Clock(local.TimeOfDay)} (UTC{Offset(local.Offset)})";
            if (local.TimeOfDay == wanted && zone.IsAmbiguousTime(local))
                return $"{Clock(wanted)} occurs twice on {date:yyyy-MM-dd} (DST ends) → runs once, first pass (UTC{Offset(local.Offset)})";
        }
        if (zone.IsAmbiguousTime(local))
            return $"DST ends: {Clock(local.TimeOfDay)} occurs twice on {date:yyyy-MM-dd}; this is the UTC{Offset(local.Offset)} pass";
        if (previousOffset is { } prev && prev != local.Offset)
            return local.Offset > prev
                ? $"DST started: clocks moved from UTC{Offset(prev)} to UTC{Offset(local.Offset)}"
                : $"DST ended: clocks moved from UTC{Offset(prev)} to UTC{Offset(local.Offset)}";
        return null;
    }

    /// <summary>The time of day of a fixed-time expression (single second, minute and hour), else null.</summary>
    private static TimeSpan? FixedTimeOfDay(string six)
    {
        var f = six.Split(' ');
        return int.TryParse(f[0], out var s) && int.TryParse(f[1], out var m) && int.TryParse(f[2], out var h)
            ? new TimeSpan(h, m, s) : null;
    }

    private static string Clock(TimeSpan t) => t.Seconds == 0 ? $"{t.Hours:00}:{t.Minutes:00}" : $"{t.Hours:00}:{t.Minutes:00}:{t.Seconds:00}";

    private static string Offset(TimeSpan o) => (o < TimeSpan.Zero ? "-" : "+") + o.Duration().ToString(@"hh\:mm", CultureInfo.InvariantCulture);
}
