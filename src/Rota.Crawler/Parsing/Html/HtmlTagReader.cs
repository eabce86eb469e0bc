namespace Rota.Crawler.Parsing.Html;

/// <summary>
/// Reads one tag the way the HTML tokenizer does: the name runs to whitespace, '/' or '&gt;'; attribute values are
/// double-, single- or un-quoted, and bare attributes have an empty value; a tag cut off by the end of the input is
/// no tag at all (HTML drops it). Values come back raw (references not yet decoded).
/// </summary>
internal static class HtmlTagReader
{
    /// <summary>Reads the tag whose name starts at <paramref name="nameStart"/>; returns the index after its '&gt;',
    /// or -1 when the input ends first. Attributes go into <paramref name="attributes"/> as ranges of
    /// <paramref name="s"/>.</summary>
    public static int Read(ReadOnlySpan<char> s, int nameStart, out Range name, List<(Range Name, Range Value)> attributes, out bool selfClosing)
    {
        attributes.Clear();
        selfClosing = false;
        var i = nameStart;
        while (i < s.Length && !IsSpace(s[i]) && s[i] is not ('/' or '>')) i++;
        name = nameStart..i;
        while (true)
        {
            while (i < s.Length && (IsSpace(s[i]) || s[i] == '/'))
            {
                selfClosing = s[i] == '/';
                i++;
            }
            if (i >= s.Length) return -1;
            if (s[i] == '>') return i + 1;
            selfClosing = false;
            var keyStart = i++; // the first character may be '=' (kept in the name, as HTML does)
            while (i < s.Length && !IsSpace(s[i]) && s[i] is not ('/' or '>' or '=')) i++;
            var key = keyStart..i;
            var j = i;
            while (j < s.Length && IsSpace(s[j])) j++;
            if (j >= s.Length || s[j] != '=')
            {
                attributes.Add((key, i..i));
                i = j;
                continue;
            }
            j++;
            while (j < s.Length && IsSpace(s[j])) j++;
            if (j >= s.Length) return -1;
            if (s[j] is '"' or '\'')
            {
                var end = s[(j + 1)..].IndexOf(s[j]);
                if (end < 0) return -1;
                attributes.Add((key, (j + 1)..(j + 1 + end)));
                i = j + end + 2;
            }
            else
            {
                var start = j;
                while (j < s.Length && !IsSpace(s[j]) && s[j] != '>') j++;
                attributes.Add((key, start..j));
                i = j;
            }
        }
    }

    /// <summary>HTML's whitespace: tab, LF, FF, CR, space.</summary>
    public static bool IsSpace(char c) => c is ' ' or '\t' or '\n' or '\f' or '\r';
}
