namespace Rota.Crawler.Parsing.Html;

/// <summary>
/// Guesses whether text declared (or assumed) plain is really HTML, as RSS titles often are: it must contain an end
/// tag or a character reference, so text like "a &lt; b" stays plain. Unknown
/// elements count too: a title carrying &lt;script&gt;…&lt;/script&gt; must be sanitized, not passed on as "plain".
/// </summary>
internal static class HtmlSniffer
{
    public static bool LooksLikeHtml(string text)
    {
        var span = text.AsSpan();
        if (span.IndexOfAny('<', '&') < 0) return false;
        var hasEndTagOrReference = false;
        for (var i = 0; i < span.Length; i++)
        {
            if (span[i] == '&' && IsReference(span[(i + 1)..])) hasEndTagOrReference = true;
            if (span[i] != '<') continue;
            var j = i + 1;
            var closing = j < span.Length && span[j] == '/';
            if (closing) j++;
            var start = j;
            while (j < span.Length && char.IsAsciiLetterOrDigit(span[j])) j++;
            if (j == start) continue;
            if (closing && j < span.Length && span[j] == '>') hasEndTagOrReference = true;
        }
        return hasEndTagOrReference;
    }

    private static bool IsReference(ReadOnlySpan<char> s)
    {
        var i = 0;
        if (i < s.Length && s[i] == '#') i++;
        var start = i;
        while (i < s.Length && (char.IsAsciiLetterOrDigit(s[i]) || s[i] == '_')) i++;
        return i > start && i < s.Length && s[i] == ';';
    }
}
