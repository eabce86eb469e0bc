using Rota.Crawler.Parsing.Xml;

namespace Rota.Crawler.Parsing.Atom;

/// <summary>An atom:link: href resolved against xml:base, rel defaulting to alternate. A link written RSS-style,
/// with the URL as its text and no href, is read too.</summary>
internal static class AtomLinkReader
{
    public static FeedLink? Read(XmlFeedContext ctx, List<FeedLink> links)
    {
        var href = ctx.Attribute("href") ?? ctx.Attribute("url");
        var rel = ctx.Attribute("rel")?.Trim() is { Length: > 0 } r ? r : "alternate";
        var (type, title, length, hreflang) = (ctx.Attribute("type"), ctx.Attribute("title"), ctx.Attribute("length"), ctx.Attribute("hreflang"));
        if (rel == "self" && string.IsNullOrWhiteSpace(type) && ctx.Format is FeedFormat.Atom10 or FeedFormat.Atom03) type = "application/atom+xml"; // an Atom feed's self link is the feed
        var url = string.IsNullOrWhiteSpace(href) ? ctx.ReadUrl() : Consume(ctx, href);
        if (url is null) return null;
        var link = new FeedLink(url, rel, type, title, ExtensionElementReader.ParseLength(length), hreflang);
        links.Add(link);
        return link;
    }

    private static string? Consume(XmlFeedContext ctx, string href)
    {
        var url = ctx.Resolve(href);
        ctx.Skip();
        return url;
    }

    /// <summary>The page a feed or entry is about: the first alternate link of type HTML (or of no type), else the first alternate.</summary>
    public static string? Alternate(List<FeedLink> links) =>
        (links.FirstOrDefault(l => l.Rel == "alternate" && l.Type is null or "text/html" or "application/xhtml+xml")
         ?? links.FirstOrDefault(l => l.Rel == "alternate"))?.Href;
}
