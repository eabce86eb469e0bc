using System.Xml;
using Rota.Crawler.Parsing.Rss;

namespace Rota.Crawler.Parsing.Xml;

/// <summary>Tells the format from the root element (name, namespace, version attribute); HTML pages and other XML
/// are refused with <c>feed.format_not_detected</c>.</summary>
internal static class FeedFormatDetector
{
    public static FeedFormat FromRoot(XmlReader root)
    {
        var ns = root.NamespaceURI;
        switch (root.LocalName)
        {
            case "rss":
                return RssFeedReader.FormatOf(root.GetAttribute("version"));
            case "RDF" or "rdf":
                return FeedFormat.Rss10;
            case "feed":
                if (ns == FeedNamespaces.Atom03 || root.GetAttribute("version")?.Trim() is "0.3" or "0.2" or "0.1") return FeedFormat.Atom03;
                return FeedFormat.Atom10;
            case "channel" or "CHANNEL" when ns.Length == 0:
                return FeedFormat.Cdf;
            case "html" or "HTML":
                throw new FeedParseException("feed.format_not_detected", "feed: the document is an HTML page, not a feed (look for <link rel=\"alternate\"> in it)");
            default:
                throw new FeedParseException("feed.format_not_detected", $"feed: root element <{root.Name}> is not RSS, RDF or Atom");
        }
    }
}
