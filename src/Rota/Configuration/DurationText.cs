using System.Globalization;
using System.Text.RegularExpressions;

namespace Rota.Configuration;

/// <summary>Durations as people write them: <c>500ms</c>, <c>90s</c>, <c>10m</c>, <c>1h30m</c>, <c>2d</c>, <c>01:30:00</c>,
/// or a bare number of seconds.</summary>
public static partial class DurationText
{
    public static bool TryParse(string? text, out TimeSpan value)
    {
        try
        {
            return TryParseCore(text, out value);
        }
        catch (Exception ex) when (ex is OverflowException or ArgumentException)
        {
            value = default; // e.g. 99999999999d: out of TimeSpan's range is not a duration
            return false;
        }
    }

    /// <summary>The short form people write: <c>10s</c>, <c>5m</c>, <c>1h30m</c>, <c>2d</c>, <c>250ms</c>.</summary>
    public static string Format(TimeSpan value)
    {
        if (value < TimeSpan.Zero) return "-" + Format(value.Negate());
        if (value == TimeSpan.Zero) return "0s";
        if (value.Ticks % TimeSpan.TicksPerSecond != 0 && value < TimeSpan.FromMinutes(1))
            return value.TotalMilliseconds.ToString("0.###", CultureInfo.InvariantCulture) + "ms";
        var parts = new List<string>();
        if (value.Days > 0) parts.Add($"{value.Days}d");
        if (value.Hours > 0) parts.Add($"{value.Hours}h");
        if (value.Minutes > 0) parts.Add($"{value.Minutes}m");
        if (value.Seconds > 0 || parts.Count == 0) parts.Add($"{value.Seconds}s");
        return string.Concat(parts);
    }

    private static bool TryParseCore(string? text, out TimeSpan value)
    {
        value = default;
        if (string.IsNullOrWhiteSpace(text)) return false;
        var t = text.Trim();
        if (double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds))
        {
            value = TimeSpan.FromSeconds(seconds);
            return true;
        }
        if (t.Contains(':', StringComparison.Ordinal))
            return TimeSpan.TryParseExact(t, ["c", @"hh\:mm", @"hh\:mm\:ss"], CultureInfo.InvariantCulture, out value);
        var m = Pattern().Match(t);
        if (!m.Success) return false;
        var total = TimeSpan.Zero;
        foreach (Capture c in m.Groups["part"].Captures)
        {
            var unitStart = c.Value.IndexOfAny(['m', 's', 'h', 'd', 'w']);
            var number = double.Parse(c.Value[..unitStart], CultureInfo.InvariantCulture);
            total += c.Value[unitStart..] switch
            {
                "ms" => TimeSpan.FromMilliseconds(number),
                "s" => TimeSpan.FromSeconds(number),
                "m" => TimeSpan.FromMinutes(number),
                "h" => TimeSpan.FromHours(number),
                "d" => TimeSpan.FromDays(number),
                _ => TimeSpan.FromDays(7 * number),
            };
        }
        value = total;
        return true;
    }

    [GeneratedRegex(@"^(?<part>\d+(\.\d+)?(ms|s|m|h|d|w))+$")]
    private static partial Regex Pattern();
}
