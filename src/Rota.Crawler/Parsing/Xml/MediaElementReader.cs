namespace Rota.Crawler.Parsing.Xml;

/// <summary>Media RSS on an entry: thumbnails, media:content as enclosures, and media:group around them.</summary>
internal static class MediaElementReader
{
    public static bool TryRead(XmlFeedContext ctx, FeedEntry entry)
    {
        switch (ctx.LocalName)
        {
            case "thumbnail":
                if (ctx.Resolve(ctx.Attribute("url")) is { } thumb)
                    entry.Thumbnails.Add(new MediaThumbnail(thumb, ExtensionElementReader.ParseInt(ctx.Attribute("width")), ExtensionElementReader.ParseInt(ctx.Attribute("height"))));
                ctx.Skip();
                return true;
            case "content":
                if (ctx.Resolve(ctx.Attribute("url")) is { } url && !entry.Enclosures.Any(e => e.Url == url))
                    entry.Enclosures.Add(new FeedEnclosure(url, ctx.Attribute("type"), ExtensionElementReader.ParseLength(ctx.Attribute("fileSize"))));
                ctx.ForEachChild(() => { if (!TryRead(ctx, entry)) ctx.Skip(); });
                return true;
            case "group":
                ctx.ForEachChild(() => { if (!TryRead(ctx, entry)) ctx.Skip(); });
                return true;
            case "title":
                entry.Title = Prefer.First(entry.Title, ctx.ReadTextAs(ctx.Attribute("type") == "html" ? FeedText.Html : FeedText.Plain));
                return true;
            case "description":
                entry.Summary = Prefer.First(entry.Summary, ctx.ReadTextAs(ctx.Attribute("type") == "html" ? FeedText.Html : FeedText.Plain));
                return true;
            default:
                return false;
        }
    }
}
