using System.Globalization;
using Rota.Crawler.Parsing.Atom;

namespace Rota.Crawler.Parsing.Xml;

/// <summary>
/// The namespaced elements any XML format may carry: Dublin Core (dc, dcterms), content:encoded, xhtml:body, Media
/// RSS, iTunes, and Atom elements inside RSS (atom:link and friends). Each method returns false when the element is
/// not one of these, so the format reader can handle or skip it.
/// </summary>
internal static class ExtensionElementReader
{
    public static bool TryReadFeed(XmlFeedContext ctx, FeedMetadata feed)
    {
        var ns = ctx.Namespace;
        var name = ctx.LocalName;
        if (ns is FeedNamespaces.DublinCore or FeedNamespaces.DcTerms)
        {
            switch (name)
            {
                case "title": feed.Title = Prefer.First(feed.Title, ctx.ReadTextAs(FeedText.Plain, guessHtml: true)); return true;
                case "description": feed.Description = Prefer.First(feed.Description, ctx.ReadTextAs(FeedText.Html)); return true;
                case "creator" or "author": AddPerson(feed.Authors, ctx.ReadText()); return true;
                case "contributor": AddPerson(feed.Contributors, ctx.ReadText()); return true;
                case "publisher": feed.Publisher = Prefer.First(feed.Publisher, PersonParser.Parse(ctx.ReadText())); return true;
                case "rights": feed.Rights = Prefer.First(feed.Rights, ctx.ReadTextAs(FeedText.Plain, guessHtml: true)); return true;
                case "language": feed.Language = Prefer.First(feed.Language, ctx.ReadNonEmptyText()); ctx.DefaultLanguage ??= feed.Language; return true;
                case "date" or "modified": feed.Updated = Prefer.First(feed.Updated, ctx.ReadDate()); return true;
                case "issued" or "created": feed.Published = Prefer.First(feed.Published, ctx.ReadDate()); return true;
                case "subject": AddCategory(feed.Categories, ctx.ReadText()); return true;
                case "identifier": feed.Id = Prefer.First(feed.Id, ctx.ReadNonEmptyText()); return true;
            }
            return false;
        }
        if (FeedNamespaces.IsITunes(ns))
        {
            switch (name)
            {
                case "author": AddPerson(feed.Authors, ctx.ReadText()); return true;
                case "image" when ctx.Resolve(ctx.Attribute("href")) is { } href: feed.Image ??= new FeedImage(href); ctx.Skip(); return true;
                case "summary" or "subtitle": feed.Description = Prefer.First(feed.Description, ctx.ReadTextAs(FeedText.Plain)); return true;
                case "block": feed.ITunesBlock = YesNo(ctx.ReadText()); return true;
                case "explicit": feed.ITunesExplicit = Explicit(ctx.ReadText()); return true;
                case "category": AddCategory(feed.Categories, ctx.Attribute("text")); ctx.ForEachChild(() => TryReadFeed(ctx, feed)); return true;
            }
            return false;
        }
        if (ns == FeedNamespaces.Atom10 || ns == FeedNamespaces.Atom03)
        {
            if (name == "link")
            {
                AtomLinkReader.Read(ctx, feed.Links);
                feed.Link ??= feed.Links.LastOrDefault(l => l.Rel == "alternate")?.Href;
                return true;
            }
            return AtomElementReader.TryReadFeed(ctx, feed);
        }
        return false;
    }

    public static bool TryReadEntry(XmlFeedContext ctx, FeedEntry entry)
    {
        var ns = ctx.Namespace;
        var name = ctx.LocalName;
        if (ns is FeedNamespaces.DublinCore or FeedNamespaces.DcTerms)
        {
            switch (name)
            {
                case "title": entry.Title = Prefer.First(entry.Title, ctx.ReadTextAs(FeedText.Plain, guessHtml: true)); return true;
                case "description": entry.Summary = Prefer.First(entry.Summary, ctx.ReadTextAs(FeedText.Html)); return true;
                case "creator" or "author": AddPerson(entry.Authors, ctx.ReadText()); return true;
                case "contributor": AddPerson(entry.Contributors, ctx.ReadText()); return true;
                case "publisher": entry.Publisher = Prefer.First(entry.Publisher, PersonParser.Parse(ctx.ReadText())); return true;
                case "rights": entry.Rights = Prefer.First(entry.Rights, ctx.ReadTextAs(FeedText.Plain, guessHtml: true)); return true;
                case "language": entry.Language = Prefer.First(entry.Language, ctx.ReadNonEmptyText()); return true;
                case "date" or "modified": entry.Updated = Prefer.First(entry.Updated, ctx.ReadDate()); return true;
                case "issued": entry.Published = Prefer.First(entry.Published, ctx.ReadDate()); return true;
                case "created": entry.Created = Prefer.First(entry.Created, ctx.ReadDate()); return true;
                case "valid" or "expired": ctx.Skip(); return true;
                case "subject": AddCategory(entry.Categories, ctx.ReadText()); return true;
                case "identifier": entry.Id = Prefer.First(entry.Id, ctx.ReadNonEmptyText()); return true;
            }
            return false;
        }
        if (ns == FeedNamespaces.Content && name == "encoded")
        {
            entry.Content.Add(ctx.ReadTextAs(FeedText.Html));
            return true;
        }
        if (ns == FeedNamespaces.Xhtml && name == "body")
        {
            entry.Content.Add(ctx.ReadTextAs(FeedText.Xhtml));
            return true;
        }
        if (FeedNamespaces.IsMedia(ns)) return MediaElementReader.TryRead(ctx, entry);
        if (FeedNamespaces.IsITunes(ns))
        {
            switch (name)
            {
                case "author": AddPerson(entry.Authors, ctx.ReadText()); return true;
                case "summary": entry.Summary = Prefer.First(entry.Summary, ctx.ReadTextAs(FeedText.Plain)); return true;
                case "block": entry.ITunesBlock = YesNo(ctx.ReadText()); return true;
                case "explicit": entry.ITunesExplicit = Explicit(ctx.ReadText()); return true;
                case "duration": entry.ITunesDuration = ctx.ReadNonEmptyText(); return true;
                case "image" when ctx.Resolve(ctx.Attribute("href")) is { } href: entry.Thumbnails.Add(new MediaThumbnail(href)); ctx.Skip(); return true;
            }
            return false;
        }
        if (ns == FeedNamespaces.Atom10 || ns == FeedNamespaces.Atom03) return AtomElementReader.TryReadEntry(ctx, entry);
        return false;
    }

    public static void AddPerson(List<FeedPerson> people, string? text)
    {
        if (PersonParser.Parse(text) is { } p) people.Add(p);
    }

    public static void AddCategory(List<FeedCategory> categories, string? term, string? scheme = null, string? label = null)
    {
        if (!string.IsNullOrWhiteSpace(term)) categories.Add(new FeedCategory(term.Trim(), scheme, label));
    }

    /// <summary>iTunes block: "yes" blocks; anything else (including "no", "false") does not.</summary>
    private static bool YesNo(string text) => text.Equals("yes", StringComparison.OrdinalIgnoreCase);

    private static bool? Explicit(string text) => text.ToLowerInvariant() switch
    {
        "yes" or "explicit" or "true" => true,
        "no" or "clean" or "false" => false,
        _ => null,
    };

    public static long? ParseLength(string? text) =>
        long.TryParse(text?.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n >= 0 ? n : null;

    public static int? ParseInt(string? text) =>
        int.TryParse(text?.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : null;
}
