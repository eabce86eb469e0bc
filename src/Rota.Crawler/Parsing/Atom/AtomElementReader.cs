using Rota.Crawler.Parsing.Xml;

namespace Rota.Crawler.Parsing.Atom;

/// <summary>Atom 0.3 and 1.0 elements of a feed and of an entry (also used for atom:* inside RSS).</summary>
internal static class AtomElementReader
{
    public static bool TryReadFeed(XmlFeedContext ctx, FeedMetadata feed)
    {
        switch (ctx.LocalName)
        {
            case "title": feed.Title = AtomTextReader.Read(ctx); return true;
            case "subtitle" or "tagline": feed.Description = AtomTextReader.Read(ctx); return true;
            case "rights" or "copyright": feed.Rights = AtomTextReader.Read(ctx); return true;
            case "info": feed.Info = AtomTextReader.Read(ctx); return true;
            case "link":
                AtomLinkReader.Read(ctx, feed.Links);
                feed.Link = AtomLinkReader.Alternate(feed.Links);
                return true;
            case "id": feed.Id = ctx.ReadNonEmptyText(); return true;
            case "updated" or "modified": feed.Updated = ctx.ReadDate(); return true;
            case "published" or "issued" or "created": feed.Published = Prefer.First(feed.Published, ctx.ReadDate()); return true;
            case "author": Add(feed.Authors, AtomPersonReader.Read(ctx)); return true;
            case "contributor": Add(feed.Contributors, AtomPersonReader.Read(ctx)); return true;
            case "category": ReadCategory(ctx, feed.Categories); return true;
            case "icon": feed.Icon = ctx.ReadUrl(); return true;
            case "logo":
                feed.Logo = ctx.ReadUrl();
                if (feed.Logo is not null) feed.Image ??= new FeedImage(feed.Logo);
                return true;
            case "generator":
                var uri = ctx.Resolve(ctx.Attribute("uri") ?? ctx.Attribute("url"));
                var version = ctx.Attribute("version");
                feed.Generator = new FeedGenerator(ctx.ReadNonEmptyText(), uri, version);
                return true;
            default: return false;
        }
    }

    public static bool TryReadEntry(XmlFeedContext ctx, FeedEntry entry)
    {
        switch (ctx.LocalName)
        {
            case "title": entry.Title = AtomTextReader.Read(ctx); return true;
            case "summary": entry.Summary = AtomTextReader.Read(ctx); return true;
            case "content": entry.Content.Add(AtomTextReader.Read(ctx)); return true;
            case "rights" or "copyright": entry.Rights = AtomTextReader.Read(ctx); return true;
            case "link":
                if (AtomLinkReader.Read(ctx, entry.Links) is { Rel: "enclosure" } enclosure)
                    entry.Enclosures.Add(new FeedEnclosure(enclosure.Href, enclosure.Type, enclosure.Length));
                entry.Link = AtomLinkReader.Alternate(entry.Links);
                return true;
            case "id": entry.Id = ctx.ReadText(); return true;
            case "updated" or "modified": entry.Updated = ctx.ReadDate(); return true;
            case "published" or "issued": entry.Published = ctx.ReadDate(); return true;
            case "created": entry.Created = ctx.ReadDate(); return true;
            case "author": Add(entry.Authors, AtomPersonReader.Read(ctx)); return true;
            case "contributor": Add(entry.Contributors, AtomPersonReader.Read(ctx)); return true;
            case "category": ReadCategory(ctx, entry.Categories); return true;
            case "source":
                var source = new FeedMetadata();
                ctx.ForEachChild(() => { if (!TryReadFeed(ctx, source) && !ExtensionElementReader.TryReadFeed(ctx, source)) ctx.Skip(); });
                entry.Source = source;
                return true;
            default: return false;
        }
    }

    private static void ReadCategory(XmlFeedContext ctx, List<FeedCategory> categories)
    {
        var term = ctx.Attribute("term");
        var scheme = ctx.Attribute("scheme");
        var label = ctx.Attribute("label");
        var text = ctx.ReadText();
        ExtensionElementReader.AddCategory(categories, term ?? text, scheme, label);
    }

    private static void Add(List<FeedPerson> people, FeedPerson? person)
    {
        if (person is not null) people.Add(person);
    }
}
