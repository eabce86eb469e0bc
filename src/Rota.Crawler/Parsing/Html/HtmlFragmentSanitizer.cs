using System.Text;

namespace Rota.Crawler.Parsing.Html;

/// <summary>
/// A one-pass, allowlist HTML sanitiser for feed fragments (no DOM). Only allowlisted elements and attributes are
/// written, always in a canonical form the browser cannot read differently: lower-case names, double-quoted values,
/// text and values written by <see cref="HtmlTextWriter"/> (nothing in them can open markup), URLs and styles
/// checked on their decoded values, comments and declarations dropped, end tags only for elements actually open, and everything still open
/// closed at the end. So nothing in the output starts a tag, comment or raw-text section the sanitiser did not write.
/// script, style and applet go with their content; other unknown elements are unwrapped (their content sanitised);
/// URL attributes pass <see cref="SafeUrl"/>, style passes <see cref="FeedCssSanitizer"/>.
/// </summary>
internal static class HtmlFragmentSanitizer
{
    private const int MaxDepth = 256;

    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> Elements = Lookup(FeedHtmlAllowlist.Elements);
    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> Attributes = Lookup(FeedHtmlAllowlist.Attributes);
    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> UrlAttributes = Lookup(FeedHtmlAllowlist.UriAttributes);
    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> DroppedWithContent = Lookup(["script", "style", "applet"]);

    private static readonly HashSet<string> Void = new(StringComparer.Ordinal)
    {
        "area", "br", "col", "command", "hr", "img", "input", "keygen", "source",
    };

    [ThreadStatic] private static State? _state;

    private sealed class State
    {
        public readonly StringBuilder Output = new(1024);
        public readonly StringBuilder Scratch = new(256);
        public readonly List<string> Open = new(16);
        public readonly List<(Range Name, Range Value)> Attributes = new(8);
        public readonly List<string> Seen = new(8);
    }

    private static HashSet<string>.AlternateLookup<ReadOnlySpan<char>> Lookup(IEnumerable<string> names) =>
        new HashSet<string>(names, StringComparer.OrdinalIgnoreCase).GetAlternateLookup<ReadOnlySpan<char>>();

    public static string Sanitize(string html, Uri? baseUri)
    {
        var state = _state ??= new State();
        var sb = state.Output.Clear();
        var open = state.Open;
        open.Clear();
        var s = html.AsSpan();
        var i = 0;
        while (i < s.Length)
        {
            var lt = s[i..].IndexOf('<');
            if (lt < 0) { HtmlTextWriter.Text(sb, s[i..]); break; }
            HtmlTextWriter.Text(sb, s.Slice(i, lt));
            i += lt;
            var next = i + 1 < s.Length ? s[i + 1] : '\0';
            if (char.IsAsciiLetter(next)) i = StartTag(s, i, baseUri, state);
            else if (next == '/' && i + 2 < s.Length && char.IsAsciiLetter(s[i + 2])) i = EndTag(s, i, state);
            else if (next == '!') i = SkipDeclaration(s, i);
            else if (next is '?' or '/') i = SkipTo(s, i + 2, '>');
            else
            {
                sb.Append("&lt;");
                i++;
            }
        }
        for (var k = open.Count - 1; k >= 0; k--) sb.Append("</").Append(open[k]).Append('>');
        var result = sb.Length == html.Length && sb.Equals(s) ? html : sb.ToString();
        if (sb.Capacity > 1 << 20) sb.Capacity = 1024; // do not keep a huge buffer alive per thread
        return result;
    }

    private static int StartTag(ReadOnlySpan<char> s, int lt, Uri? baseUri, State state)
    {
        var end = HtmlTagReader.Read(s, lt + 1, out var nameRange, state.Attributes, out var selfClosing);
        if (end < 0) return s.Length; // cut off: HTML drops it, and so does everything after it
        var rawName = s[nameRange];
        if (DroppedWithContent.TryGetValue(rawName, out var dropped)) return SkipElement(s, end, dropped);
        if (!Elements.TryGetValue(rawName, out var name) || state.Open.Count >= MaxDepth) return end;
        var open = state.Open;
        var sb = state.Output;
        var from = ImpliedEndTags.CloseFrom(name, open);
        if (from >= 0) Close(open, from, sb);
        sb.Append('<').Append(name);
        WriteAttributes(s, name, baseUri, state);
        if (Void.Contains(name)) sb.Append(" />");
        else
        {
            sb.Append('>');
            open.Add(name);
        }
        _ = selfClosing; // HTML ignores "/>" on elements that are not void: they stay open, as a browser has them
        return end;
    }

    private static void WriteAttributes(ReadOnlySpan<char> s, string element, Uri? baseUri, State state)
    {
        var seen = state.Seen;
        seen.Clear();
        var sb = state.Output;
        foreach (var (keyRange, valueRange) in state.Attributes)
        {
            if (!Attributes.TryGetValue(s[keyRange], out var key) || seen.Contains(key)) continue;
            seen.Add(key); // HTML keeps the first of duplicated attributes
            var raw = s[valueRange];
            if (UrlAttributes.Contains(key))
            {
                var url = SafeUrl.Clean(HtmlTextWriter.Decode(raw, state.Scratch), baseUri, element == "img" && key == "src");
                HtmlTextWriter.Attribute(sb, key, url);
            }
            else if (key == "style")
            {
                var style = FeedCssSanitizer.Clean(HtmlTextWriter.Decode(raw, state.Scratch));
                if (style.Length > 0) HtmlTextWriter.Attribute(sb, key, style);
            }
            else
            {
                sb.Append(' ').Append(key).Append("=\"");
                HtmlTextWriter.Value(sb, raw);
                sb.Append('"');
            }
        }
    }

    private static int EndTag(ReadOnlySpan<char> s, int lt, State state)
    {
        var end = HtmlTagReader.Read(s, lt + 2, out var nameRange, state.Attributes, out _);
        if (end < 0) return s.Length;
        if (!Elements.TryGetValue(s[nameRange], out var name)) return end;
        var open = state.Open;
        for (var k = open.Count - 1; k >= 0; k--)
        {
            if (!ReferenceEquals(open[k], name)) continue;
            Close(open, k, state.Output);
            break;
        }
        return end;
    }

    private static void Close(List<string> open, int from, StringBuilder sb)
    {
        for (var k = open.Count - 1; k >= from; k--) sb.Append("</").Append(open[k]).Append('>');
        open.RemoveRange(from, open.Count - from);
    }

    /// <summary>Skips a dropped element and its content, up to its end tag (or the end of the input).</summary>
    private static int SkipElement(ReadOnlySpan<char> s, int from, string name)
    {
        var i = from;
        while (true)
        {
            var at = s[i..].IndexOf("</", StringComparison.Ordinal);
            if (at < 0) return s.Length;
            i += at + 2;
            if (s.Length - i < name.Length || !s.Slice(i, name.Length).Equals(name, StringComparison.OrdinalIgnoreCase)) continue;
            var after = i + name.Length;
            if (after < s.Length && !(HtmlTagReader.IsSpace(s[after]) || s[after] is '/' or '>')) continue;
            return SkipTo(s, after, '>');
        }
    }

    /// <summary>Comments (to "--&gt;"), CDATA sections and declarations are dropped.</summary>
    private static int SkipDeclaration(ReadOnlySpan<char> s, int lt)
    {
        var rest = s[lt..];
        if (rest.StartsWith("<!--"))
        {
            if (rest[4..].StartsWith(">")) return lt + 5;
            if (rest[4..].StartsWith("->")) return lt + 6;
            var close = rest[4..].IndexOf("--", StringComparison.Ordinal);
            while (close >= 0)
            {
                var after = rest[(4 + close + 2)..];
                if (after.StartsWith(">")) return lt + 4 + close + 3;
                if (after.StartsWith("!>")) return lt + 4 + close + 4;
                var more = after.IndexOf("--", StringComparison.Ordinal);
                close = more < 0 ? -1 : close + 2 + more;
            }
            return s.Length;
        }
        return SkipTo(s, lt + 2, '>');
    }

    private static int SkipTo(ReadOnlySpan<char> s, int from, char c)
    {
        if (from >= s.Length) return s.Length;
        var at = s[from..].IndexOf(c);
        return at < 0 ? s.Length : from + at + 1;
    }
}
