using System.Globalization;

namespace Rota.Server.Dashboard.Components.Shared;

/// <summary>Durations as people read them: <c>61 ms</c>, <c>4.2 s</c>, <c>3 m 12 s</c>, <c>2 h 5 m</c>.</summary>
public static class TimeText
{
    public static string Of(TimeSpan? span)
    {
        if (span is not { } d) return "—";
        var sign = d < TimeSpan.Zero ? "-" : "";
        d = d.Duration();
        return sign + (d.TotalSeconds < 1 ? d.TotalMilliseconds.ToString(d.TotalMilliseconds < 10 ? "0.#" : "0", CultureInfo.InvariantCulture) + " ms"
            : d.TotalMinutes < 1 ? d.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture) + " s"
            : d.TotalHours < 1 ? $"{(int)d.TotalMinutes} m {d.Seconds} s"
            : $"{(int)d.TotalHours} h {d.Minutes} m");
    }
}
