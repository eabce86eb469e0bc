using System.Globalization;
using Microsoft.AspNetCore.Http;
using Rota.Server.Problems;

namespace Rota.Server.Endpoints;

/// <summary>Typed query-string values that fail as problem+json naming the parameter.</summary>
public static class Query
{
    public static string? String(HttpRequest r, string name) => r.Query.TryGetValue(name, out var v) && v.Count > 0 && v[0] is { Length: > 0 } s ? s : null;

    public static int Int(HttpRequest r, string name, int fallback, int min, int max)
    {
        var s = String(r, name);
        if (s is null) return fallback;
        if (!int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n)) throw ApiProblem.Malformed(name, s, "expected an integer");
        return n < min || n > max ? throw ApiProblem.Invalid(name, s, $"must be between {min} and {max}") : n;
    }

    public static long? Long(HttpRequest r, string name)
    {
        var s = String(r, name);
        if (s is null) return null;
        return long.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : throw ApiProblem.Malformed(name, s, "expected a positive integer");
    }

    public static DateTimeOffset? Instant(HttpRequest r, string name)
    {
        var s = String(r, name);
        if (s is null) return null;
        return DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t) ? t
            : throw ApiProblem.Malformed(name, s, "expected an ISO 8601 instant such as 2026-01-31T02:00:00Z");
    }

    public static bool? Bool(HttpRequest r, string name)
    {
        var s = String(r, name);
        return s switch { null => null, "true" or "1" => true, "false" or "0" => false, _ => throw ApiProblem.Malformed(name, s, "expected true or false") };
    }

    public static T? Enum<T>(HttpRequest r, string name) where T : struct, System.Enum
    {
        var s = String(r, name);
        if (s is null) return null;
        return System.Enum.TryParse<T>(s.Replace("_", "", StringComparison.Ordinal), ignoreCase: true, out var v) && System.Enum.IsDefined(v) && !s.Any(char.IsDigit) ? v
            : throw ApiProblem.Malformed(name, s, $"expected one of {string.Join(", ", System.Enum.GetNames<T>().Select(TextNames.ToSnake))}");
    }

}
