using System.Text;

namespace Rota.Crawler.Parsing.Text;

/// <summary>
/// U+0080–U+009F are control characters nobody means: they appear when Windows-1252 text (curly quotes, dashes, €)
/// was labelled Latin-1 or converted as if it were. They are mapped to the characters Windows-1252 puts there.
/// </summary>
internal static class C1Controls
{
    private static readonly Encoding Windows1252 = CodePagesEncodingProvider.Instance.GetEncoding(1252)!;

    public static string ToWindows1252(string text)
    {
        var span = text.AsSpan();
        if (span.IndexOfAnyInRange('\u0080', '\u009F') < 0) return text;
        var chars = text.ToCharArray();
        Span<byte> one = stackalloc byte[1];
        Span<char> mapped = stackalloc char[1];
        for (var i = 0; i < chars.Length; i++)
        {
            if (chars[i] is < '\u0080' or > '\u009F') continue;
            one[0] = (byte)chars[i];
            if (Windows1252.GetChars(one, mapped) == 1 && mapped[0] is < '\u0080' or > '\u009F') chars[i] = mapped[0];
        }
        return new string(chars);
    }
}
