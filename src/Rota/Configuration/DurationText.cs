using System.Globalization;
using System.Text.RegularExpressions;

namespace Rota.Configuration;

/// <summary>Durations as people write them: <c>500ms</c>, <c>90s</c>, <c>10m</c>, <c>1h30m</c>, <c>2d</c>, <c>01:30:00</c>,
/// or a bare number of seconds.</summary>
public static partial class DurationText
{
    public static bool TryParse(string? text, out TimeSpan value)
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
