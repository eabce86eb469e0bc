using Rota.Crawler.Parsing.Xml;

namespace Rota.Crawler.Parsing.Rss;

/// <summary>Channel-level elements of RSS 0.9x, 1.0 and 2.0 (the core names are the same in each).</summary>
internal static class RssChannelReader
{
    public static bool TryRead(XmlFeedContext ctx, FeedMetadata feed)
    {
        if (!FeedNamespaces.IsRss(ctx.Namespace)) return ExtensionElementReader.TryReadFeed(ctx, feed);
        switch (ctx.LocalName)
        {
            case "title": feed.Title = ctx.ReadTextAs(FeedText.Plain, guessHtml: true); return true;
            case "link":
                var link = ctx.ReadUrl();
                if (link is null) return true;
                feed.Link ??= link;
                feed.Links.Add(new FeedLink(link));
                if (ctx.FallbackBase is null && Uri.TryCreate(link, UriKind.Absolute, out var b)) ctx.FallbackBase = b;
                return true;
            case "description": feed.Description = ctx.ReadTextAs(FeedText.Html); return true;
            case "language":
                feed.Language = ctx.ReadNonEmptyText();
                ctx.DefaultLanguage ??= feed.Language;
                return true;
            case "copyright": feed.Rights = ctx.ReadTextAs(FeedText.Plain, guessHtml: true); return true;
            case "managingEditor": ExtensionElementReader.AddPerson(feed.Authors, ctx.ReadText()); return true;
            case "webMaster": feed.Publisher = PersonParser.Parse(ctx.ReadText()); return true;
            case "pubDate": feed.Published = ctx.ReadDate(); feed.Updated ??= feed.Published; return true;
            case "lastBuildDate": feed.Updated = ctx.ReadDate(); return true;
            case "category":
                var feedScheme = ctx.Attribute("domain"); // before the read moves the reader off the attributes
                ExtensionElementReader.AddCategory(feed.Categories, ctx.ReadText(), feedScheme);
                return true;
            case "generator": feed.Generator = new FeedGenerator(ctx.ReadNonEmptyText()); return true;
            case "docs": feed.Docs = ctx.ReadUrl(); return true;
            case "ttl": feed.Ttl = ExtensionElementReader.ParseInt(ctx.ReadText()); return true;
            case "image": ReadImage(ctx, feed); return true;
            default: return false;
        }
    }

    private static void ReadImage(XmlFeedContext ctx, FeedMetadata feed)
    {
        string? url = ctx.Resolve(ctx.Attribute("resource", FeedNamespaces.Rdf)), title = null, link = null, description = null;
        int? width = null, height = null;
        ctx.ForEachChild(() =>
        {
            switch (ctx.LocalName)
            {
                case "url": url = ctx.ReadUrl(); break;
                case "title": title = ctx.ReadNonEmptyText(); break;
                case "link": link = ctx.ReadUrl(); break;
                case "description": description = ctx.ReadNonEmptyText(); break;
                case "width": width = ExtensionElementReader.ParseInt(ctx.ReadText()); break;
                case "height": height = ExtensionElementReader.ParseInt(ctx.ReadText()); break;
                default: ctx.Skip(); break;
            }
        });
        if (url is not null && feed.Image?.Title is null) feed.Image = new FeedImage(url, title, link, width, height, description);
    }
}
