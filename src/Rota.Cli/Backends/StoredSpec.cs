using System.Globalization;
using Rota.Scheduling;

namespace Rota.Cli.Backends;

/// <summary>Reads a trigger back from its stored text (<see cref="TriggerSpec.ToString"/>: <c>cron:…</c>,
/// <c>every:00:00:10[+00:00:05]</c>, <c>after_completion:…</c>, <c>at:…</c>) so remote listings put schedules in the
/// same words as local ones. Unknown forms yield null and are shown as they came.</summary>
internal static class StoredSpec
{
    public static TriggerSpec? Parse(string text)
    {
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0) return null;
        var (kind, rest) = (text[..colon], text[(colon + 1)..]);
        return kind switch
        {
            "cron" => TriggerSpec.ForCron(rest),
            "every" => rest.Split('+') is [var i, var ph] ? Every(i, ph) : Span(rest) is { } iv ? TriggerSpec.ForEvery(iv) : null,
            "after_completion" => Span(rest) is { } d ? TriggerSpec.ForAfterCompletion(d) : null,
            "at" => DateTimeOffset.TryParse(rest, CultureInfo.InvariantCulture, DateTimeStyles.None, out var at) ? TriggerSpec.ForAt(at) : null,
            _ => null,
        };
    }

    private static TriggerSpec? Every(string interval, string phase) =>
        Span(interval) is { } i && Span(phase) is { } p ? TriggerSpec.ForEvery(i, p) : null;

    private static TimeSpan? Span(string s) => TimeSpan.TryParseExact(s, "c", CultureInfo.InvariantCulture, out var t) ? t : null;
}
