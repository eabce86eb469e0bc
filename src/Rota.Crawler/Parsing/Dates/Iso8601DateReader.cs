namespace Rota.Crawler.Parsing.Dates;

/// <summary>ISO 8601 profiles: <c>2003-12-31T10:14:55.12-08:00</c>, <c>2003-12-31 10:14Z</c>, <c>20031231T101455Z</c>,
/// <c>2003-12</c>, <c>2003</c>, and zones <c>Z</c>, <c>±hh</c>, <c>±hhmm</c>, <c>±hh:mm</c> or a trailing zone name.</summary>
internal static class Iso8601DateReader
{
    public static DateTimeOffset? Read(ReadOnlySpan<char> s)
    {
        var i = 0;
        var year = FeedDateParser.Digits(s, ref i, 4);
        if (year < 0 || i != 4) return null;
        int month = 1, day = 1;
        var extended = i < s.Length && s[i] == '-';
        if (extended) i++;
        if (i < s.Length && char.IsAsciiDigit(s[i]))
        {
            month = FeedDateParser.Digits(s, ref i, 2);
            if (extended && i < s.Length && s[i] == '-') i++;
            if (i < s.Length && char.IsAsciiDigit(s[i])) day = FeedDateParser.Digits(s, ref i, 2);
        }
        int hour = 0, minute = 0, second = 0;
        double fraction = 0;
        var offset = 0;
        if (i < s.Length && s[i] is 'T' or 't' or ' ')
        {
            i++;
            while (i < s.Length && s[i] == ' ') i++;
            hour = FeedDateParser.Digits(s, ref i, 2);
            if (hour < 0) return null;
            if (i < s.Length && s[i] == ':') i++;
            minute = i < s.Length && char.IsAsciiDigit(s[i]) ? FeedDateParser.Digits(s, ref i, 2) : 0;
            if (i < s.Length && s[i] == ':') i++;
            if (i < s.Length && char.IsAsciiDigit(s[i])) second = FeedDateParser.Digits(s, ref i, 2);
            if (i < s.Length && s[i] is '.' or ',')
            {
                i++;
                var scale = 0.1;
                while (i < s.Length && char.IsAsciiDigit(s[i])) { fraction += (s[i++] - '0') * scale; scale /= 10; }
            }
            while (i < s.Length && s[i] == ' ') i++;
            if (i < s.Length)
            {
                var zone = ZoneOffsets.Read(s[i..]);
                if (zone is null) return null;
                offset = zone.Value;
            }
        }
        else if (i < s.Length && !s[i..].Trim().IsEmpty) return null;
        return FeedDateParser.Build(year, month, day, hour, minute, second, fraction, offset);
    }
}
