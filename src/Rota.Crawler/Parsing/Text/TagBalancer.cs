using System.Text;

namespace Rota.Crawler.Parsing.Text;

/// <summary>
/// The fallback when repaired text is still not well-formed XML: a tolerant tokenizer that rewrites the markup so
/// XmlReader accepts it — mismatched end tags close what they match (or are dropped), elements left open at the end of
/// a truncated document are closed, unterminated comments and CDATA are terminated, attributes get quotes and lose
/// duplicates, undeclared namespace prefixes are declared, and anything after the root element is dropped.
/// </summary>
internal static class TagBalancer
{
    public static (string Text, bool ClosedAtEnd) Balance(string text)
    {
        var sb = new StringBuilder(text.Length + 256);
        var open = new List<(string Name, HashSet<string>? Prefixes)>();
        var rootSeen = false;
        var i = 0;
        while (i < text.Length)
        {
            var lt = text.IndexOf('<', i);
            if (lt < 0) lt = text.Length;
            if (open.Count > 0) sb.Append(text, i, lt - i);
            if (lt >= text.Length) break;
            i = lt;
            if (TryCopySection(text, ref i, sb, "<!--", "-->") || TryCopySection(text, ref i, sb, "<![CDATA[", "]]>", open.Count > 0)
                || TryCopySection(text, ref i, sb, "<?", "?>", open.Count > 0)) continue;
            var gt = TagEnd(text, i + 1);
            if (gt < 0) break; // a tag cut off by the end of the document
            var tag = text.AsSpan(i + 1, gt - i - 1);
            i = gt + 1;
            if (tag.Length > 0 && tag[0] == '/')
            {
                CloseMatching(tag[1..].Trim().ToString(), open, sb);
                if (rootSeen && open.Count == 0) break;
            }
            else if (tag.Length > 0 && tag[0] == '!') continue; // a stray declaration
            else
            {
                if (rootSeen && open.Count == 0) break;
                rootSeen = true;
                var selfClosing = tag.Length > 0 && tag[^1] == '/';
                var (name, prefixes) = WriteStartTag(selfClosing ? tag[..^1] : tag, open, sb, selfClosing);
                if (!selfClosing && name is not null) open.Add((name, prefixes));
            }
        }
        var closedAtEnd = open.Count > 0;
        for (var k = open.Count - 1; k >= 0; k--) sb.Append("</").Append(open[k].Name).Append('>');
        return (sb.ToString(), closedAtEnd);
    }

    private static bool TryCopySection(string text, ref int i, StringBuilder sb, string start, string end, bool keep = true)
    {
        if (string.CompareOrdinal(text, i, start, 0, start.Length) != 0) return false;
        var at = text.IndexOf(end, i + start.Length, StringComparison.Ordinal);
        var stop = at < 0 ? text.Length : at + end.Length;
        if (keep)
        {
            sb.Append(text, i, stop - i);
            if (at < 0) sb.Append(end);
        }
        i = stop;
        return true;
    }

    /// <summary>The '>' closing the tag that starts at <paramref name="from"/>, skipping quoted attribute values.</summary>
    private static int TagEnd(string text, int from)
    {
        char quote = '\0';
        for (var j = from; j < text.Length; j++)
        {
            var c = text[j];
            if (quote != '\0') { if (c == quote) quote = '\0'; }
            else if (c is '"' or '\'') quote = c;
            else if (c == '>') return j;
            else if (c == '<') return -1;
        }
        return -1;
    }

    private static void CloseMatching(string name, List<(string Name, HashSet<string>? Prefixes)> open, StringBuilder sb)
    {
        for (var k = open.Count - 1; k >= 0; k--)
        {
            if (!string.Equals(open[k].Name, name, StringComparison.OrdinalIgnoreCase)) continue;
            for (var m = open.Count - 1; m >= k; m--) sb.Append("</").Append(open[m].Name).Append('>');
            open.RemoveRange(k, open.Count - k);
            return;
        }
    }

    private static (string? Name, HashSet<string>? Prefixes) WriteStartTag(ReadOnlySpan<char> tag, List<(string Name, HashSet<string>? Prefixes)> open, StringBuilder sb, bool selfClosing)
    {
        var attributes = StartTagTokenizer.Tokenize(tag, out var name);
        if (name.Length == 0) return (null, null);
        var declared = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (key, _) in attributes)
            if (key.StartsWith("xmlns:", StringComparison.Ordinal)) declared.Add(key[6..]);
        sb.Append('<').Append(name);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (key, value) in attributes)
        {
            if (!seen.Add(key)) continue;
            sb.Append(' ').Append(key).Append("=\"").Append(value.Replace("&", "&amp;").Replace("<", "&lt;").Replace("\"", "&quot;")).Append('"');
        }
        foreach (var prefix in PrefixesOf(name, attributes))
        {
            if (prefix is "xml" or "xmlns" || declared.Contains(prefix) || open.Any(o => o.Prefixes?.Contains(prefix) == true)) continue;
            sb.Append(" xmlns:").Append(prefix).Append("=\"urn:undeclared:").Append(prefix).Append('"');
            declared.Add(prefix);
        }
        sb.Append(selfClosing ? "/>" : ">");
        return (name, declared.Count > 0 ? declared : null);
    }

    private static IEnumerable<string> PrefixesOf(string name, List<(string Key, string Value)> attributes)
    {
        var colon = name.IndexOf(':');
        if (colon > 0) yield return name[..colon];
        foreach (var (key, _) in attributes)
        {
            var c = key.IndexOf(':');
            if (c > 0 && !key.StartsWith("xmlns", StringComparison.Ordinal)) yield return key[..c];
        }
    }
}
