namespace Rota.Crawler.Parsing.Html;

/// <summary>
/// The end tags HTML lets authors leave out, for the elements feeds leave open most: a new <c>p</c>, list item, term,
/// table row or cell closes the one before it, and a block closes an open paragraph. Without this "&lt;p&gt;a&lt;p&gt;b"
/// would come out nested, which no browser builds.
/// </summary>
internal static class ImpliedEndTags
{
    private static readonly HashSet<string> ClosesParagraph = new(StringComparer.Ordinal)
    {
        "address", "article", "aside", "blockquote", "center", "details", "dialog", "dir", "div", "dl", "fieldset",
        "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "menu", "nav", "ol",
        "p", "pre", "section", "table", "ul",
    };

    private static readonly HashSet<string> ParagraphScope = new(StringComparer.Ordinal)
    {
        "button", "caption", "td", "th", "table", "li", "dd", "dt", "blockquote", "div", "section", "article", "aside",
        "marquee", "object", "applet",
    };

    /// <summary>The index in <paramref name="open"/> from which elements must be closed before
    /// <paramref name="name"/> opens, or -1.</summary>
    public static int CloseFrom(string name, List<string> open) => name switch
    {
        "li" => Find(open, "li", "ul", "ol", "menu", "dir"),
        "dt" or "dd" => Math.Max(Find(open, "dt", "dl"), Find(open, "dd", "dl")),
        "tr" => Find(open, "tr", "table", "thead", "tbody", "tfoot"),
        "td" or "th" => Math.Max(Find(open, "td", "tr", "table"), Find(open, "th", "tr", "table")),
        "thead" or "tbody" or "tfoot" => Math.Max(Find(open, "thead", "table"), Math.Max(Find(open, "tbody", "table"), Find(open, "tfoot", "table"))),
        "option" => open.Count > 0 && open[^1] == "option" ? open.Count - 1 : -1,
        "optgroup" => Math.Max(Find(open, "option", "optgroup", "select"), Find(open, "optgroup", "select")),
        _ when ClosesParagraph.Contains(name) => FindParagraph(open),
        _ => -1,
    };

    private static int Find(List<string> open, string target, params ReadOnlySpan<string> boundaries)
    {
        for (var i = open.Count - 1; i >= 0; i--)
        {
            if (open[i] == target) return i;
            foreach (var b in boundaries)
                if (open[i] == b) return -1;
        }
        return -1;
    }

    private static int FindParagraph(List<string> open)
    {
        for (var i = open.Count - 1; i >= 0; i--)
        {
            if (open[i] == "p") return i;
            if (ParagraphScope.Contains(open[i])) return -1;
        }
        return -1;
    }
}
