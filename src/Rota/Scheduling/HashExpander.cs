using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Rota.Scheduling;

/// <summary>
/// Expands Jenkins-style <c>H</c> tokens (<c>H</c>, <c>H(a-b)</c>, <c>H/n</c>, <c>H(a-b)/n</c>) into fixed values derived
/// from a stable hash of the task key, so many tasks declared "hourly at H" spread over the hour and every process
/// computes the same minute. Fields are the normalized six: second, minute, hour, day-of-month, month, day-of-week.
/// </summary>
public static partial class HashExpander
{
    private static readonly (int Lo, int Hi)[] Ranges = [(0, 59), (0, 59), (0, 23), (1, 28), (1, 12), (0, 6)];

    public static bool ContainsHash(string field) => field.Contains('H', StringComparison.Ordinal);

    /// <summary>Replaces every H token of one field (index 0..5 in the six-field layout).</summary>
    public static string ExpandField(string field, int index, string hashKey)
    {
        if (!ContainsHash(field)) return field;
        var (lo, hi) = Ranges[index];
        var hash = StableHash(hashKey, index);
        return string.Join(',', field.Split(',').Select(part =>
        {
            var m = HashToken().Match(part);
            if (!m.Success)
                throw new RotaException("cron.invalid_field", $"cron: {CronFields.Names[index]} field '{field}' has a malformed H token '{part}' (use H, H(a-b), H/n or H(a-b)/n)");
            var a = m.Groups["a"].Success ? Parse(m.Groups["a"].Value) : lo;
            var b = m.Groups["b"].Success ? Parse(m.Groups["b"].Value) : hi;
            if (a < lo || b > hi || a > b)
                throw new RotaException("cron.invalid_field", $"cron: {CronFields.Names[index]} field '{field}': H range {a}-{b} is outside {lo}-{hi}");
            if (m.Groups["step"].Success)
            {
                var step = Parse(m.Groups["step"].Value);
                if (step < 1) throw new RotaException("cron.invalid_field", $"cron: {CronFields.Names[index]} field '{field}': step must be at least 1");
                var start = a + (int)(hash % (uint)Math.Min(step, b - a + 1));
                return $"{start}-{b}/{step}";
            }
            return (a + (int)(hash % (uint)(b - a + 1))).ToString(CultureInfo.InvariantCulture);
        }));
    }

    /// <summary>SHA-256 of the key and field index: stable across processes, runtimes and machines.</summary>
    internal static uint StableHash(string key, int salt)
    {
        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes($"{key}\u0000{salt}"));
        return BitConverter.ToUInt32(bytes, 0);
    }

    private static int Parse(string s) => int.Parse(s, NumberStyles.None, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^H(\((?<a>\d+)-(?<b>\d+)\))?(/(?<step>\d+))?$")]
    private static partial Regex HashToken();
}
