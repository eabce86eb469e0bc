using Rota.Crawler.Parsing.Xml;

namespace Rota.Crawler.Parsing.Rss;

/// <summary>Item-level elements of RSS 0.9x, 1.0 and 2.0 plus the extensions items carry.</summary>
internal static class RssItemReader
{
    public static FeedEntry Read(XmlFeedContext ctx, List<FeedEntry> entries)
    {
        var entry = new FeedEntry();
        entries.Add(entry);
        var about = ctx.Attribute("about", FeedNamespaces.Rdf);
        ctx.ForEachChild(() =>
        {
            if (!TryRead(ctx, entry)) ctx.Skip();
        });
        if (entry.Id is null && about is not null) entry.Id = about;
        if (entry.Link is null && entry.GuidIsLink) entry.Link = entry.Id;
        return entry;
    }

    private static bool TryRead(XmlFeedContext ctx, FeedEntry entry)
    {
        if (!FeedNamespaces.IsRss(ctx.Namespace)) return ExtensionElementReader.TryReadEntry(ctx, entry);
        switch (ctx.LocalName)
        {
            case "title": entry.Title = ctx.ReadTextAs(FeedText.Plain, guessHtml: true); return true;
            case "link":
                var link = ctx.ReadUrl();
                if (link is not null)
                {
                    entry.Link ??= link;
                    entry.Links.Add(new FeedLink(link));
                }
                return true;
            case "description": entry.Summary = ctx.ReadTextAs(FeedText.Html); return true;
            case "body" or "fullitem": entry.Content.Add(ctx.ReadTextAs(FeedText.Html)); return true; // pre-namespace bodies, as feedparser reads them
            case "guid":
                var permaLink = !string.Equals(ctx.Attribute("isPermaLink")?.Trim(), "false", StringComparison.OrdinalIgnoreCase);
                entry.Id = ctx.ReadNonEmptyText();
                entry.GuidIsLink = permaLink && entry.Id is not null;
                return true;
            case "pubDate": entry.Published = ctx.ReadDate(); return true;
            case "author": ExtensionElementReader.AddPerson(entry.Authors, ctx.ReadText()); return true;
            case "category":
                var scheme = ctx.Attribute("domain"); // before the read moves the reader off the attributes
                ExtensionElementReader.AddCategory(entry.Categories, ctx.ReadText(), scheme);
                return true;
            case "comments": entry.Comments = ctx.ReadUrl(); return true;
            case "enclosure":
                if (ctx.Resolve(ctx.Attribute("url")) is { } url)
                {
                    var enclosure = new FeedEnclosure(url, ctx.Attribute("type"), ExtensionElementReader.ParseLength(ctx.Attribute("length")));
                    entry.Enclosures.Add(enclosure);
                    entry.Links.Add(new FeedLink(url, "enclosure", enclosure.Type, Length: enclosure.Length));
                }
                ctx.Skip();
                return true;
            case "source":
                var source = new FeedMetadata { Link = ctx.Resolve(ctx.Attribute("url")) };
                source.Title = ctx.ReadTextAs(FeedText.Plain);
                entry.Source = source;
                return true;
            default: return false;
        }
    }
}
