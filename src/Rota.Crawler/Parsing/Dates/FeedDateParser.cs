namespace Rota.Crawler.Parsing.Dates;

/// <summary>
/// Reads the dates feeds actually contain, without regular expressions: ISO 8601 / RFC 3339 / W3C-DTF (reduced
/// precision, basic and extended forms, space instead of 'T') and RFC 822/1123 with its broken variants — wrong or
/// missing day names, two-digit years (&lt; 90 → 20xx), missing seconds, zone names (EST, PDT, CEST…), "GMT+1",
/// asctime order. Results are UTC; a date without a zone is taken as UTC. Unreadable input yields null.
/// </summary>
public static class FeedDateParser
{
    public static DateTimeOffset? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var s = text.AsSpan().Trim();
        return s.Length >= 4 && char.IsAsciiDigit(s[0]) && char.IsAsciiDigit(s[1]) && char.IsAsciiDigit(s[2]) && char.IsAsciiDigit(s[3])
            ? Iso8601DateReader.Read(s) ?? Rfc822DateReader.Read(s)
            : Rfc822DateReader.Read(s) ?? Iso8601DateReader.Read(s);
    }

    /// <summary>Builds a UTC instant from wall-clock parts and a zone offset in minutes; null when out of range.
    /// Hour 24:00 means midnight at the end of the day.</summary>
    internal static DateTimeOffset? Build(int year, int month, int day, int hour, int minute, int second, double fraction, int offsetMinutes)
    {
        if (year is < 1 or > 9999 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)) return null;
        if (hour > 24 || minute > 59 || second > 60 || (hour == 24 && (minute > 0 || second > 0))) return null;
        if (second == 60) second = 59; // a leap second: keep the instant inside its minute
        var local = new DateTime(year, month, day, 0, 0, 0, DateTimeKind.Unspecified)
            .AddHours(hour).AddMinutes(minute).AddSeconds(second).AddTicks((long)(fraction * TimeSpan.TicksPerSecond));
        var utc = local.AddMinutes(-offsetMinutes);
        return new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc));
    }

    internal static int Digits(ReadOnlySpan<char> s, ref int i, int max)
    {
        var value = 0;
        var start = i;
        while (i < s.Length && i - start < max && char.IsAsciiDigit(s[i])) value = value * 10 + (s[i++] - '0');
        return i == start ? -1 : value;
    }
}
