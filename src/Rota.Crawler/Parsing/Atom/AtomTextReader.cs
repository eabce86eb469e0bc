using System.Text;
using System.Xml;
using Rota.Crawler.Parsing.Xml;

namespace Rota.Crawler.Parsing.Atom;

/// <summary>
/// Atom text constructs and content. Atom 1.0: <c>type</c> text | html | xhtml (content wrapped in one div) or a media
/// type (XML types inline, text/* as text, anything else base64). Atom 0.3: a media type plus <c>mode</c>
/// xml | escaped | base64.
/// </summary>
internal static class AtomTextReader
{
    public static FeedText Read(XmlFeedContext ctx)
    {
        var r = ctx.Reader;
        var language = ctx.Language;
        var baseUri = ctx.Base;
        var declared = (r.GetAttribute("type") ?? "text").Trim().ToLowerInvariant();
        var mode = r.GetAttribute("mode")?.Trim().ToLowerInvariant();
        var type = declared switch
        {
            "text" or "plain" or "" => FeedText.Plain,
            "html" or "text/html" => FeedText.Html,
            "xhtml" or "application/xhtml+xml" => FeedText.Xhtml,
            _ => declared,
        };
        string value;
        if (declared == "xhtml") value = ReadXhtml(r);
        else
        {
            value = MarkupReader.ReadContent(r, out var hadMarkup);
            var base64 = mode == "base64" || (mode is null && !IsTextual(type) && ctx.Format == FeedFormat.Atom10);
            if (base64) value = DecodeBase64(value);
            if (hadMarkup && type == FeedText.Plain) type = FeedText.Xhtml;
        }
        if (type != FeedText.Plain) value = value.Trim();
        var kind = type is FeedText.Html or FeedText.Xhtml || type.EndsWith("+xml", StringComparison.Ordinal) || type.EndsWith("/xml", StringComparison.Ordinal)
            ? (type == FeedText.Html ? FeedText.Html : FeedText.Xhtml) : FeedText.Plain;
        var text = ctx.MakeText(value, kind, language, baseUri);
        return text with { Type = type };
    }

    private static bool IsTextual(string type) =>
        type is FeedText.Plain or FeedText.Html or FeedText.Xhtml || type.StartsWith("text/", StringComparison.Ordinal)
        || type.EndsWith("+xml", StringComparison.Ordinal) || type.EndsWith("/xml", StringComparison.Ordinal);

    /// <summary>The content of the wrapping xhtml:div (Atom 1.0 §3.1.1.3), or of the element itself without one.</summary>
    private static string ReadXhtml(XmlReader r)
    {
        if (r.IsEmptyElement)
        {
            r.Read();
            return "";
        }
        var depth = r.Depth;
        var value = ReadXhtmlSubtree(r);
        if (r.NodeType == XmlNodeType.EndElement && r.Depth == depth) r.Read();
        return value;
    }

    private static string ReadXhtmlSubtree(XmlReader r)
    {
        using var sub = r.ReadSubtree();
        sub.Read();
        sub.Read();
        while (!sub.EOF && sub.NodeType is XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace or XmlNodeType.Comment) sub.Read();
        string value;
        if (sub.NodeType == XmlNodeType.Element && sub.LocalName == "div" && sub.Depth == 1)
        {
            value = MarkupReader.ReadContent(sub, out _, alwaysMarkup: true);
            while (!sub.EOF) sub.Read();
        }
        else
        {
            var sb = new StringBuilder();
            while (!sub.EOF && sub.Depth >= 1)
            {
                if (sub.NodeType == XmlNodeType.Element) sb.Append(sub.ReadOuterXml());
                else { sb.Append(System.Security.SecurityElement.Escape(sub.Value)); sub.Read(); }
            }
            value = sb.ToString();
        }
        return value;
    }

    private static string DecodeBase64(string value)
    {
        try
        {
            return Encoding.UTF8.GetString(Convert.FromBase64String(value.Trim()));
        }
        catch (FormatException)
        {
            return value;
        }
    }
}
