using System.Buffers;
using System.Text;

namespace Rota.Crawler.Parsing.Html;

/// <summary>
/// Writes text and attribute values for <see cref="HtmlFragmentSanitizer"/> so that nothing in them can be read as
/// markup: '&lt;' and '&amp;' escaped in text, '&lt;', '&gt;', '&amp;' and '"' in values; references decoded, except one
/// standing for a markup character, which is kept as written.
/// </summary>
internal static class HtmlTextWriter
{
    private static readonly SearchValues<char> TextSpecials = SearchValues.Create("&<\0");
    private static readonly SearchValues<char> ValueSpecials = SearchValues.Create("&<>\"\0");

    public static void Text(StringBuilder sb, ReadOnlySpan<char> text) => AppendNormalized(sb, text, TextSpecials);

    /// <summary>A raw attribute value, normalised like text.</summary>
    public static void Value(StringBuilder sb, ReadOnlySpan<char> raw) => AppendNormalized(sb, raw, ValueSpecials);

    /// <summary>` key="value"` with an already decoded value.</summary>
    public static void Attribute(StringBuilder sb, string key, ReadOnlySpan<char> value)
    {
        sb.Append(' ').Append(key).Append("=\"");
        AppendEscaped(sb, value, ValueSpecials);
        sb.Append('"');
    }

    /// <summary>The value with its references decoded (for checks on what the browser will see).</summary>
    public static string Decode(ReadOnlySpan<char> raw, StringBuilder scratch)
    {
        if (raw.IndexOf('&') < 0) return raw.ToString();
        scratch.Clear();
        var i = 0;
        while (i < raw.Length)
        {
            var amp = raw[i..].IndexOf('&');
            if (amp < 0) { scratch.Append(raw[i..]); break; }
            scratch.Append(raw.Slice(i, amp));
            i += amp;
            var used = HtmlCharacterReferences.TryDecode(raw, i, scratch);
            if (used == 0) { scratch.Append('&'); i++; }
            else i += used;
        }
        return scratch.ToString();
    }

    /// <summary>Writes text or an attribute value: references decoded, except that one standing for a markup
    /// character ("&amp;#38;", "&amp;lt;", "&amp;gt;", "&amp;quot;") is kept as written — it already is an escape, and
    /// feedparser keeps it too; bare specials escaped.</summary>
    private static void AppendNormalized(StringBuilder sb, ReadOnlySpan<char> text, SearchValues<char> specials)
    {
        if (text.IndexOf('&') < 0)
        {
            AppendEscaped(sb, text, specials);
            return;
        }
        var i = 0;
        while (i < text.Length)
        {
            var amp = text[i..].IndexOf('&');
            if (amp < 0) { AppendEscaped(sb, text[i..], specials); return; }
            AppendEscaped(sb, text.Slice(i, amp), specials);
            i += amp;
            var mark = sb.Length;
            var used = HtmlCharacterReferences.TryDecode(text, i, sb);
            if (used == 0) { sb.Append("&amp;"); i++; continue; }
            if (sb.Length - mark == 1 && sb[mark] is '&' or '<' or '>' or '"' or '\0')
            {
                var c = sb[mark];
                sb.Length = mark;
                if (text[i + used - 1] == ';' && c != '\0') sb.Append(text.Slice(i, used));
                else AppendEscaped(sb, [c], specials);
            }
            i += used;
        }
    }

    private static void AppendEscaped(StringBuilder sb, ReadOnlySpan<char> text, SearchValues<char> specials)
    {
        while (true)
        {
            var at = text.IndexOfAny(specials);
            if (at < 0) { sb.Append(text); return; }
            sb.Append(text[..at]);
            sb.Append(text[at] switch
            {
                '&' => "&amp;", '<' => "&lt;", '>' => "&gt;", '"' => "&quot;", _ => "\uFFFD",
            });
            text = text[(at + 1)..];
        }
    }
}
