using Rota.Crawler.Parsing.Xml;

namespace Rota.Crawler.Parsing.Atom;

/// <summary>An atom:link: href resolved against xml:base, rel defaulting to alternate.</summary>
internal static class AtomLinkReader
{
    public static FeedLink? Read(XmlFeedContext ctx, List<FeedLink> links)
    {
        var href = ctx.Attribute("href") ?? ctx.Attribute("url");
        FeedLink? link = null;
        if (!string.IsNullOrWhiteSpace(href))
        {
            link = new FeedLink(
                ctx.Resolve(href)!,
                ctx.Attribute("rel")?.Trim() is { Length: > 0 } rel ? rel : "alternate",
                ctx.Attribute("type"),
                ctx.Attribute("title"),
                ExtensionElementReader.ParseLength(ctx.Attribute("length")),
                ctx.Attribute("hreflang"));
            links.Add(link);
        }
        ctx.Skip();
        return link;
    }

    /// <summary>The page a feed or entry is about: the first alternate link of type HTML (or of no type), else the first alternate.</summary>
    public static string? Alternate(List<FeedLink> links) =>
        (links.FirstOrDefault(l => l.Rel == "alternate" && l.Type is null or "text/html" or "application/xhtml+xml")
         ?? links.FirstOrDefault(l => l.Rel == "alternate"))?.Href;
}
