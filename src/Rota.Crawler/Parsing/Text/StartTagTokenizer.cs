namespace Rota.Crawler.Parsing.Text;

/// <summary>Splits the inside of a start tag into a name and attributes, accepting unquoted values and bare
/// attribute names (given their own name as value, as XHTML requires). Attribute values come back unescaped
/// except for references, which stay as written.</summary>
internal static class StartTagTokenizer
{
    public static List<(string Key, string Value)> Tokenize(ReadOnlySpan<char> tag, out string name)
    {
        var i = 0;
        while (i < tag.Length && IsNameChar(tag[i])) i++;
        name = tag[..i].ToString();
        var result = new List<(string, string)>();
        while (i < tag.Length)
        {
            while (i < tag.Length && !IsNameChar(tag[i])) i++;
            var keyStart = i;
            while (i < tag.Length && IsNameChar(tag[i])) i++;
            if (i == keyStart) break;
            var key = tag[keyStart..i].ToString();
            while (i < tag.Length && char.IsWhiteSpace(tag[i])) i++;
            if (i >= tag.Length || tag[i] != '=')
            {
                result.Add((key, key));
                continue;
            }
            i++;
            while (i < tag.Length && char.IsWhiteSpace(tag[i])) i++;
            string value;
            if (i < tag.Length && tag[i] is '"' or '\'')
            {
                var quote = tag[i++];
                var end = tag[i..].IndexOf(quote);
                end = end < 0 ? tag.Length : i + end;
                value = tag[i..end].ToString();
                i = Math.Min(end + 1, tag.Length);
            }
            else
            {
                var start = i;
                while (i < tag.Length && !char.IsWhiteSpace(tag[i])) i++;
                value = tag[start..i].ToString();
            }
            result.Add((key, Unescape(value)));
        }
        return result;
    }

    private static bool IsNameChar(char c) => char.IsLetterOrDigit(c) || c is '_' or ':' or '-' or '.';

    /// <summary>Undoes the escaping the writer will redo, so "&amp;amp;" does not become "&amp;amp;amp;".</summary>
    private static string Unescape(string value) =>
        value.Contains('&') ? value.Replace("&lt;", "<").Replace("&gt;", ">").Replace("&quot;", "\"").Replace("&amp;", "&") : value;
}
