using System.Text;
using AngleSharp.Html;

namespace Rota.Crawler.Parsing.Html;

/// <summary>
/// Decodes one HTML character reference (<c>&amp;name;</c>, <c>&amp;#123;</c>, <c>&amp;#x7B;</c>) as an HTML parser
/// would. Named references need their semicolon; a reference that does not decode is left to the caller, which writes
/// the '&amp;' escaped, so the browser reads back exactly the text the sanitiser checked.
/// </summary>
internal static class HtmlCharacterReferences
{
    private const int MaxNameLength = 32;

    /// <summary>Appends the decoded reference starting at <paramref name="start"/> (an '&amp;') and returns the
    /// number of characters consumed, or 0 when there is no reference there (nothing appended).</summary>
    public static int TryDecode(ReadOnlySpan<char> s, int start, StringBuilder into)
    {
        var i = start + 1;
        if (i >= s.Length) return 0;
        return s[i] == '#' ? DecodeNumeric(s, start, into) : DecodeNamed(s, start, into);
    }

    private static int DecodeNumeric(ReadOnlySpan<char> s, int start, StringBuilder into)
    {
        var i = start + 2;
        var hex = i < s.Length && s[i] is 'x' or 'X';
        if (hex) i++;
        var digitsStart = i;
        long value = 0;
        while (i < s.Length && (hex ? char.IsAsciiHexDigit(s[i]) : char.IsAsciiDigit(s[i])))
        {
            if (value <= 0x10FFFF) value = value * (hex ? 16 : 10) + HexValue(s[i]);
            i++;
        }
        if (i == digitsStart) return 0;
        if (i < s.Length && s[i] == ';') i++;
        AppendCodePoint(value, into);
        return i - start;
    }

    private static int DecodeNamed(ReadOnlySpan<char> s, int start, StringBuilder into)
    {
        var i = start + 1;
        while (i < s.Length && i - start <= MaxNameLength && char.IsAsciiLetterOrDigit(s[i])) i++;
        if (i == start + 1 || i >= s.Length || s[i] != ';') return 0;
        var name = s[(start + 1)..(i + 1)];
        var symbol = name switch
        {
            "amp;" => "&", "lt;" => "<", "gt;" => ">", "quot;" => "\"", "apos;" => "'", "nbsp;" => "\u00A0",
            _ => HtmlEntityProvider.Resolver.GetSymbol(name.ToString()),
        };
        if (symbol is null) return 0;
        into.Append(symbol);
        return i + 1 - start;
    }

    private static int HexValue(char c) => c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;

    /// <summary>Out-of-range, surrogate and NUL references become U+FFFD; C1 controls take their Windows-1252
    /// meaning, as HTML specifies.</summary>
    private static void AppendCodePoint(long value, StringBuilder into)
    {
        if (value is 0 or > 0x10FFFF or (>= 0xD800 and <= 0xDFFF)) { into.Append('\uFFFD'); return; }
        if (value is >= 0x80 and <= 0x9F && Windows1252C1[value - 0x80] != 0) { into.Append(Windows1252C1[value - 0x80]); return; }
        if (value < 0x10000) into.Append((char)value);
        else into.Append(char.ConvertFromUtf32((int)value));
    }

    private static readonly char[] Windows1252C1 =
    [
        '\u20AC', '\0', '\u201A', '\u0192', '\u201E', '\u2026', '\u2020', '\u2021', '\u02C6', '\u2030', '\u0160', '\u2039', '\u0152', '\0', '\u017D', '\0',
        '\0', '\u2018', '\u2019', '\u201C', '\u201D', '\u2022', '\u2013', '\u2014', '\u02DC', '\u2122', '\u0161', '\u203A', '\u0153', '\0', '\u017E', '\u0178',
    ];
}
