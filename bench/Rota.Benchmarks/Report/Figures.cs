using System.Globalization;

namespace Rota.Benchmarks.Report;

/// <summary>Number formatting for the report tables (invariant culture; "–" for a missing figure).</summary>
internal static class Figures
{
    public const string Missing = "–";

    public static string Int(double v) => double.IsFinite(v) ? v.ToString("N0", CultureInfo.InvariantCulture) : Missing;

    public static string Dec1(double v) => double.IsFinite(v) ? v.ToString("N1", CultureInfo.InvariantCulture) : Missing;

    public static string Dec2(double v) => double.IsFinite(v) ? v.ToString("N2", CultureInfo.InvariantCulture) : Missing;

    public static string Dec3(double v) => double.IsFinite(v) ? v.ToString("N3", CultureInfo.InvariantCulture) : Missing;

    /// <summary>Rota ÷ peer, e.g. "25.1×" (two decimals below 1).</summary>
    public static string Ratio(double rota, double peer)
    {
        if (!double.IsFinite(rota) || !double.IsFinite(peer) || peer == 0) return Missing;
        var r = rota / peer;
        return (r < 1 ? r.ToString("N2", CultureInfo.InvariantCulture) : r.ToString("N1", CultureInfo.InvariantCulture)) + "×";
    }

    public static string Verdict(bool? pass) => pass switch { true => "PASS", false => "MISS", null => "" };
}
