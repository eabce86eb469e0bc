using System.Text;
using System.Xml;

namespace Rota.Crawler.Parsing.Xml;

/// <summary>
/// Reads an element's content as a string. Text alone comes back unescaped; once a child element appears (HTML or
/// XHTML written inline), everything is serialized as markup instead — element names without XHTML prefixes, no
/// namespace declarations, text escaped — so it can be sanitized like escaped HTML.
/// </summary>
internal static class MarkupReader
{
    public static string ReadContent(XmlReader r, out bool hadMarkup, bool alwaysMarkup = false)
    {
        hadMarkup = false;
        if (r.IsEmptyElement)
        {
            r.Read();
            return "";
        }
        var depth = r.Depth;
        r.Read();
        // Most elements hold one text node: its value is the result, with no builder and no copy.
        if (!alwaysMarkup && r.NodeType is XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace)
        {
            var only = r.Value;
            r.Read();
            if (r.NodeType == XmlNodeType.EndElement && r.Depth == depth)
            {
                r.Read();
                return only;
            }
            return ReadRest(r, depth, new StringBuilder(only), ref hadMarkup, alwaysMarkup);
        }
        return ReadRest(r, depth, new StringBuilder(), ref hadMarkup, alwaysMarkup);
    }

    private static string ReadRest(XmlReader r, int depth, StringBuilder plain, ref bool hadMarkup, bool alwaysMarkup)
    {
        StringBuilder? markup = alwaysMarkup ? new StringBuilder() : null;
        while (!r.EOF && !(r.NodeType == XmlNodeType.EndElement && r.Depth == depth))
        {
            switch (r.NodeType)
            {
                case XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace:
                    if (markup is null) plain.Append(r.Value);
                    else Escape(markup, r.Value, attribute: false);
                    break;
                case XmlNodeType.Element:
                    hadMarkup = true;
                    markup ??= Escape(new StringBuilder(), plain.ToString(), attribute: false);
                    WriteStart(markup, r);
                    break;
                case XmlNodeType.EndElement:
                    markup?.Append("</").Append(NameOf(r)).Append('>');
                    break;
            }
            r.Read();
        }
        if (!r.EOF) r.Read();

        return markup?.ToString() ?? plain.ToString();
    }

    private static void WriteStart(StringBuilder sb, XmlReader r)
    {
        sb.Append('<').Append(NameOf(r));
        if (r.MoveToFirstAttribute())
        {
            do
            {
                if (r.Prefix == "xmlns" || r.Name == "xmlns") continue;
                sb.Append(' ').Append(r.Prefix == "xml" ? r.Name : r.LocalName).Append("=\"");
                Escape(sb, r.Value, attribute: true).Append('"');
            }
            while (r.MoveToNextAttribute());
            r.MoveToElement();
        }
        sb.Append(r.IsEmptyElement ? " />" : ">");
    }

    private static string NameOf(XmlReader r) =>
        r.NamespaceURI is "" or FeedNamespaces.Xhtml || FeedNamespaces.IsAtom(r.NamespaceURI) ? r.LocalName : r.Name;

    private static StringBuilder Escape(StringBuilder sb, string text, bool attribute)
    {
        foreach (var c in text)
        {
            switch (c)
            {
                case '&': sb.Append("&amp;"); break;
                case '<': sb.Append("&lt;"); break;
                case '>': sb.Append("&gt;"); break;
                case '"' when attribute: sb.Append("&quot;"); break;
                default: sb.Append(c); break;
            }
        }
        return sb;
    }
}
