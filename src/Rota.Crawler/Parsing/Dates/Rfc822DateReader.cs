namespace Rota.Crawler.Parsing.Dates;

/// <summary>
/// RFC 822/1123 and what feeds make of it. Tokens are classified rather than matched by position, so day names
/// (right, wrong or missing), asctime order (<c>Sun Jan  4 16:29:06 PST 2004</c>), <c>4-Jan-2004</c>, missing seconds,
/// two-digit years and named or numeric zones are all read.
/// </summary>
internal static class Rfc822DateReader
{
    private static readonly string[] Months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

    public static DateTimeOffset? Read(ReadOnlySpan<char> s)
    {
        int day = -1, month = -1, year = -1, hour = 0, minute = 0, second = 0;
        int? offset = null;
        var timeSeen = false;
        var i = 0;
        while (i < s.Length)
        {
            var c = s[i];
            if (char.IsAsciiDigit(c))
            {
                var start = i;
                var n = FeedDateParser.Digits(s, ref i, 4);
                if (i < s.Length && s[i] == ':' && !timeSeen)
                {
                    i = start;
                    if (!ReadTime(s, ref i, out hour, out minute, out second)) return null;
                    timeSeen = true;
                }
                else if (i - start == 4 || (day >= 0 && year < 0) || n > 31) year = i - start <= 2 ? n + (n < 90 ? 2000 : 1900) : n;
                else if (day < 0) day = n;
                else return null;
            }
            else if (char.IsAsciiLetter(c))
            {
                var start = i;
                while (i < s.Length && char.IsAsciiLetter(s[i])) i++;
                var word = s[start..i];
                var m = MonthOf(word);
                if (m > 0 && month < 0) month = m;
                else if (timeSeen && offset is null && ZoneOffsets.Read(ZoneToken(s, start, ref i)) is { } z) offset = z;
            }
            else if (c is '+' or '-' && timeSeen && offset is null && i + 1 < s.Length && char.IsAsciiDigit(s[i + 1]))
            {
                var start = i++;
                while (i < s.Length && (char.IsAsciiDigit(s[i]) || s[i] == ':')) i++;
                offset = ZoneOffsets.Read(s[start..i]);
                if (offset is null) return null;
            }
            else i++;
        }
        if (day < 0 || month < 0 || year < 0) return null;
        return FeedDateParser.Build(year, month, day, hour, minute, second, 0, offset ?? 0);
    }

    /// <summary>A zone word plus an attached numeric offset ("GMT+0100", "UTC-5").</summary>
    private static ReadOnlySpan<char> ZoneToken(ReadOnlySpan<char> s, int start, ref int i)
    {
        if (i < s.Length && s[i] is '+' or '-')
        {
            i++;
            while (i < s.Length && (char.IsAsciiDigit(s[i]) || s[i] == ':')) i++;
        }
        return s[start..i];
    }

    private static bool ReadTime(ReadOnlySpan<char> s, ref int i, out int hour, out int minute, out int second)
    {
        minute = second = 0;
        hour = FeedDateParser.Digits(s, ref i, 2);
        if (hour < 0 || i >= s.Length || s[i] != ':') return false;
        i++;
        minute = FeedDateParser.Digits(s, ref i, 2);
        if (minute < 0) return false;
        if (i < s.Length && s[i] == ':')
        {
            i++;
            second = FeedDateParser.Digits(s, ref i, 2);
            if (second < 0) second = 0;
            if (i < s.Length && s[i] == '.') { i++; while (i < s.Length && char.IsAsciiDigit(s[i])) i++; }
        }
        return true;
    }

    private static int MonthOf(ReadOnlySpan<char> word)
    {
        if (word.Length < 3) return -1;
        for (var m = 0; m < Months.Length; m++)
            if (word[..3].Equals(Months[m], StringComparison.OrdinalIgnoreCase)) return m + 1;
        return -1;
    }
}
