using System.Globalization;
using System.Text.Json.Nodes;
using Rota.Configuration;

namespace Rota.Examples;

/// <summary>Reads a handler's parameters; a bad value fails the attempt permanently, naming the parameter.</summary>
public static class HandlerParameters
{
    public static int Int(JsonObject p, string name, int fallback, int min, int max)
    {
        if (p[name] is null) return fallback;
        if (p[name] is JsonValue v && (v.TryGetValue<int>(out var n) || v.TryGetValue<string>(out var s) && int.TryParse(s, CultureInfo.InvariantCulture, out n)) && n >= min && n <= max)
            return n;
        throw Bad(name, $"must be a whole number from {min} to {max}", p[name]!.ToJsonString());
    }

    public static TimeSpan Duration(JsonObject p, string name, TimeSpan fallback)
    {
        if (p[name] is null) return fallback;
        if (p[name] is JsonValue v && v.TryGetValue<string>(out var s) && DurationText.TryParse(s, out var d) && d >= TimeSpan.Zero) return d;
        if (p[name] is JsonValue n && n.TryGetValue<double>(out var seconds) && seconds >= 0) return TimeSpan.FromSeconds(seconds);
        throw Bad(name, "must be a duration such as 15m, 500ms or a number of seconds", p[name]!.ToJsonString());
    }

    public static string? Text(JsonObject p, string name) =>
        p[name] is null ? null : p[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : throw Bad(name, "must be a string", p[name]!.ToJsonString());

    private static RotaException Bad(string name, string problem, string value) =>
        new("example.bad_parameters", $"parameter '{name}' {problem} (value: {value})", isTransient: false);
}
