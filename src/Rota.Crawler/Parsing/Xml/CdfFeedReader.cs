namespace Rota.Crawler.Parsing.Xml;

/// <summary>Microsoft's Channel Definition Format (CDF): CHANNEL with HREF/LASTMOD attributes, TITLE, ABSTRACT and
/// ITEM children; element names are matched case-insensitively, as CDF files vary.</summary>
internal static class CdfFeedReader
{
    public static void Read(XmlFeedContext ctx, FeedMetadata feed, List<FeedEntry> entries)
    {
        feed.Link = ctx.Resolve(ctx.Attribute("HREF") ?? ctx.Attribute("href"));
        feed.Updated = Dates.FeedDateParser.Parse(ctx.Attribute("LASTMOD") ?? ctx.Attribute("lastmod"));
        ctx.ForEachChild(() =>
        {
            switch (ctx.LocalName.ToLowerInvariant())
            {
                case "title": feed.Title = ctx.ReadTextAs(FeedText.Plain, guessHtml: true); break;
                case "abstract": feed.Description = ctx.ReadTextAs(FeedText.Plain, guessHtml: true); break;
                case "logo" when ctx.Resolve(ctx.Attribute("HREF") ?? ctx.Attribute("href")) is { } logo:
                    feed.Image ??= new FeedImage(logo);
                    ctx.Skip();
                    break;
                case "item": ReadItem(ctx, entries); break;
                default: ctx.Skip(); break;
            }
        });
    }

    private static void ReadItem(XmlFeedContext ctx, List<FeedEntry> entries)
    {
        var entry = new FeedEntry
        {
            Link = ctx.Resolve(ctx.Attribute("HREF") ?? ctx.Attribute("href")),
            Updated = Dates.FeedDateParser.Parse(ctx.Attribute("LASTMOD") ?? ctx.Attribute("lastmod")),
        };
        entries.Add(entry);
        ctx.ForEachChild(() =>
        {
            switch (ctx.LocalName.ToLowerInvariant())
            {
                case "title": entry.Title = ctx.ReadTextAs(FeedText.Plain, guessHtml: true); break;
                case "abstract": entry.Summary = ctx.ReadTextAs(FeedText.Plain, guessHtml: true); break;
                default: ctx.Skip(); break;
            }
        });
    }
}
