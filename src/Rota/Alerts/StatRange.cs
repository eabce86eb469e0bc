using System.Globalization;

namespace Rota.Alerts;

/// <summary>The range of a <c>stat_out_of_range</c> rule: bounds included, either may be open.</summary>
public static class StatRange
{
    public static bool Contains(double? min, double? max, double value) => (min is null || value >= min) && (max is null || value <= max);

    /// <summary><c>0..50</c>, <c>&gt;= 10</c> or <c>&lt;= 100</c>.</summary>
    public static string Text(double? min, double? max) => (min, max) switch
    {
        ({ } lo, { } hi) => $"{N(lo)}..{N(hi)}",
        ({ } lo, null) => $">= {N(lo)}",
        (null, { } hi) => $"<= {N(hi)}",
        _ => "any",
    };

    private static string N(double x) => x.ToString("0.###", CultureInfo.InvariantCulture);
}
