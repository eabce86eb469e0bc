using System.Globalization;

namespace Rota.Configuration;

/// <summary>Sizes as people write them: a byte count, or a number with B, KB/MB/GB (powers of 1000) or KiB/MiB/GiB
/// (powers of 1024), case-insensitive, a space allowed before the unit.</summary>
public static class SizeText
{
    private static readonly (string Unit, long Factor)[] Units =
    [
        ("kib", 1L << 10), ("mib", 1L << 20), ("gib", 1L << 30), ("kb", 1000), ("mb", 1_000_000), ("gb", 1_000_000_000), ("b", 1),
    ];

    public static bool TryParse(string? text, out long bytes)
    {
        bytes = 0;
        var t = text?.Trim().ToLowerInvariant();
        if (string.IsNullOrEmpty(t)) return false;
        var factor = 1L;
        foreach (var (unit, f) in Units)
        {
            if (!t.EndsWith(unit, StringComparison.Ordinal)) continue;
            factor = f;
            t = t[..^unit.Length].TrimEnd();
            break;
        }
        if (!decimal.TryParse(t, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number)) return false;
        var value = number * factor;
        if (value > long.MaxValue || value != decimal.Truncate(value)) return false;
        bytes = (long)value;
        return true;
    }
}
