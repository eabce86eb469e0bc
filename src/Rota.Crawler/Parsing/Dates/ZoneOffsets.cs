namespace Rota.Crawler.Parsing.Dates;

/// <summary>Time zone designators as written in feeds: numeric offsets and the common abbreviations.</summary>
internal static class ZoneOffsets
{
    private static readonly Dictionary<string, int> Names = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Z"] = 0, ["UT"] = 0, ["UTC"] = 0, ["GMT"] = 0, ["WET"] = 0,
        ["EST"] = -300, ["EDT"] = -240, ["CST"] = -360, ["CDT"] = -300, ["MST"] = -420, ["MDT"] = -360,
        ["PST"] = -480, ["PDT"] = -420, ["AST"] = -240, ["ADT"] = -180, ["AKST"] = -540, ["AKDT"] = -480,
        ["HST"] = -600, ["NST"] = -210, ["NDT"] = -150,
        ["BST"] = 60, ["CET"] = 60, ["MET"] = 60, ["WEST"] = 60, ["CEST"] = 120, ["MEST"] = 120, ["EET"] = 120,
        ["EEST"] = 180, ["MSK"] = 180, ["IST"] = 330, ["HKT"] = 480, ["SGT"] = 480, ["AWST"] = 480,
        ["JST"] = 540, ["KST"] = 540, ["ACST"] = 570, ["AEST"] = 600, ["ACDT"] = 630, ["AEDT"] = 660,
        ["NZST"] = 720, ["NZDT"] = 780,
    };

    /// <summary>The offset in minutes of a zone at the start of <paramref name="s"/> (the rest must be blank), or null.</summary>
    public static int? Read(ReadOnlySpan<char> s)
    {
        s = s.Trim();
        if (s.IsEmpty) return 0;
        if (s[0] is '+' or '-') return Numeric(s);
        var letters = 0;
        while (letters < s.Length && char.IsAsciiLetter(s[letters])) letters++;
        if (letters == 0) return null;
        var lookup = Names.GetAlternateLookup<ReadOnlySpan<char>>();
        if (!lookup.TryGetValue(s[..letters], out var named)) return null;
        var rest = s[letters..].Trim();
        if (rest.IsEmpty) return named;
        return rest[0] is '+' or '-' && Numeric(rest) is { } extra ? named + extra : null; // "GMT+0100"
    }

    private static int? Numeric(ReadOnlySpan<char> s)
    {
        var sign = s[0] == '-' ? -1 : 1;
        var i = 1;
        var hours = FeedDateParser.Digits(s, ref i, 2);
        if (hours < 0) return null;
        var minutes = 0;
        if (i < s.Length && s[i] == ':') i++;
        if (i < s.Length && char.IsAsciiDigit(s[i])) minutes = FeedDateParser.Digits(s, ref i, 2);
        if (!s[i..].Trim().IsEmpty || hours > 14 || minutes > 59) return null;
        return sign * (hours * 60 + minutes);
    }
}
