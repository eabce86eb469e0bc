using System.Buffers;
using System.Text;

namespace Rota.Crawler.Parsing.Text;

/// <summary>
/// One pass over decoded text that fixes what makes real feeds ill-formed before <c>XmlReader</c> sees them: HTML
/// named entities become numeric references, a stray <c>&amp;</c> or <c>&lt;</c> is escaped, characters XML forbids
/// are dropped, and the XML declaration and DOCTYPE are removed (the text is already decoded; DTDs are never fetched).
/// Comments, CDATA sections and processing instructions pass through untouched. Returns the input itself when
/// nothing needed fixing.
/// </summary>
internal static class XmlTextRepairer
{
    /// <summary>The characters the loop must look at; the long runs of ordinary text in between are skipped at once.</summary>
    private static readonly SearchValues<char> Specials = SearchValues.Create(
        string.Concat(Enumerable.Range(0, 0x20).Where(c => c is not ('\t' or '\n' or '\r')).Select(c => (char)c))
        + "<&\uFFFE\uFFFF" + string.Concat(Enumerable.Range(0xD800, 0x800).Select(c => (char)c)));

    public static string Repair(string text, List<FeedWarning> warnings)
    {
        StringBuilder? sb = null;
        var copied = 0; // text[copied..i] is pending, unchanged
        var hasDoctype = false;
        bool entityFixed = false, strayFixed = false, charsDropped = false;
        var i = 0;
        while (i < text.Length)
        {
            var next = text.AsSpan(i).IndexOfAny(Specials);
            if (next < 0) break;
            i += next;
            var c = text[i];
            if (c == '<')
            {
                var skipTo = SpecialSectionEnd(text, i, out var drop, out var doctype);
                hasDoctype |= doctype;
                if (skipTo > i)
                {
                    if (drop) Replace(ref sb, text, ref copied, i, skipTo, "");
                    i = skipTo;
                    continue;
                }
                if (i + 1 >= text.Length || !StartsMarkup(text[i + 1]))
                {
                    Replace(ref sb, text, ref copied, i, i + 1, "&lt;");
                    strayFixed = true;
                }
                i++;
            }
            else if (c == '&')
            {
                var end = ReferenceEnd(text, i, out var replacement);
                if (replacement is not null)
                {
                    Replace(ref sb, text, ref copied, i, end, replacement);
                    if (replacement == "&amp;") strayFixed = true;
                    else entityFixed = true;
                }
                i = end;
            }
            else if (IsForbidden(text, i, out var width))
            {
                Replace(ref sb, text, ref copied, i, i + width, "");
                charsDropped = true;
                i += width;
            }
            else i += char.IsHighSurrogate(c) ? 2 : 1;
        }
        if (entityFixed && !hasDoctype)
            warnings.Add(new FeedWarning(FeedWarningCodes.EntityRepaired, "feed: undeclared (HTML) entities replaced by the characters they name"));
        if (strayFixed)
            warnings.Add(new FeedWarning(FeedWarningCodes.EntityRepaired, "feed: a bare '&' or '<' in text was escaped"));
        if (charsDropped)
            warnings.Add(new FeedWarning(FeedWarningCodes.IllegalCharacters, "feed: control characters XML forbids were removed"));
        if (sb is null) return text;
        sb.Append(text, copied, text.Length - copied);
        return sb.ToString();
    }

    private static void Replace(ref StringBuilder? sb, string text, ref int copied, int start, int end, string with)
    {
        sb ??= new StringBuilder(text.Length + 64);
        sb.Append(text, copied, start - copied).Append(with);
        copied = end;
    }

    private static bool StartsMarkup(char c) => c is '/' or '!' or '?' or '_' or ':' || char.IsLetter(c);

    /// <summary>The end of a comment, CDATA section, PI, XML declaration or DOCTYPE starting at <paramref name="i"/>,
    /// or <paramref name="i"/> when none starts there. An unterminated one runs to the end of the text.</summary>
    private static int SpecialSectionEnd(string text, int i, out bool drop, out bool doctype)
    {
        drop = doctype = false;
        var rest = text.AsSpan(i);
        if (rest.StartsWith("<!--")) return EndOf(text, i + 4, "-->");
        if (rest.StartsWith("<![CDATA[")) return EndOf(text, i + 9, "]]>");
        if (rest.StartsWith("<?"))
        {
            drop = rest.StartsWith("<?xml ") || rest.StartsWith("<?xml?");
            return EndOf(text, i + 2, "?>");
        }
        if (!rest.StartsWith("<!DOCTYPE", StringComparison.OrdinalIgnoreCase)) return i;
        drop = doctype = true;
        var depth = 0;
        for (var j = i + 9; j < text.Length; j++)
        {
            if (text[j] == '[') depth++;
            else if (text[j] == ']') depth--;
            else if (text[j] == '>' && depth <= 0) return j + 1;
        }
        return text.Length;
    }

    private static int EndOf(string text, int from, string terminator)
    {
        var at = text.IndexOf(terminator, from, StringComparison.Ordinal);
        return at < 0 ? text.Length : at + terminator.Length;
    }

    /// <summary>Where the reference starting at <paramref name="i"/> ends, and what replaces it (null: keep as is).</summary>
    private static int ReferenceEnd(string text, int i, out string? replacement)
    {
        replacement = null;
        var j = i + 1;
        if (j < text.Length && text[j] == '#')
        {
            j++;
            var hex = j < text.Length && text[j] is 'x' or 'X';
            if (hex) j++;
            var digitsStart = j;
            while (j < text.Length && (hex ? char.IsAsciiHexDigit(text[j]) : char.IsAsciiDigit(text[j]))) j++;
            if (j > digitsStart && j < text.Length && text[j] == ';') return j + 1;
            replacement = "&amp;";
            return i + 1;
        }
        while (j < text.Length && j - i < 40 && (char.IsAsciiLetterOrDigit(text[j]) || text[j] is '_' or '-' or '.')) j++;
        var name = text.AsSpan(i + 1, j - i - 1);
        if (name.Length == 0 || j >= text.Length || text[j] != ';')
        {
            replacement = "&amp;";
            return i + 1;
        }
        if (name is "amp" or "lt" or "gt" or "quot" or "apos") return j + 1;
        var codePoint = HtmlEntities.Lookup(name);
        replacement = codePoint >= 0 ? $"&#{codePoint};" : "&amp;";
        return codePoint >= 0 ? j + 1 : i + 1;
    }

    /// <summary>C0 controls other than tab/CR/LF, U+FFFE/U+FFFF and unpaired surrogates.</summary>
    private static bool IsForbidden(string text, int i, out int width)
    {
        width = 1;
        var c = text[i];
        if (c < 0x20) return c is not ('\t' or '\n' or '\r');
        if (c is '\uFFFE' or '\uFFFF') return true;
        if (char.IsHighSurrogate(c)) return i + 1 >= text.Length || !char.IsLowSurrogate(text[i + 1]);
        return char.IsLowSurrogate(c);
    }
}
