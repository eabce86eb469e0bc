using Rota.Crawler.Parsing.Xml;

namespace Rota.Crawler.Parsing.Atom;

/// <summary>Reads an Atom 0.3 or 1.0 document from its root <c>feed</c> element.</summary>
internal static class AtomFeedReader
{
    public static void Read(XmlFeedContext ctx, FeedMetadata feed, List<FeedEntry> entries)
    {
        feed.Language ??= ctx.Language; // xml:lang on the root is the feed's language
        ctx.ForEachChild(() =>
        {
            if (ctx.LocalName == "entry" && (FeedNamespaces.IsAtom(ctx.Namespace) || ctx.Namespace.Length == 0))
            {
                var entry = new FeedEntry();
                entries.Add(entry);
                ctx.ForEachChild(() =>
                {
                    var handled = FeedNamespaces.IsAtom(ctx.Namespace) || ctx.Namespace.Length == 0
                        ? AtomElementReader.TryReadEntry(ctx, entry)
                        : ExtensionElementReader.TryReadEntry(ctx, entry);
                    if (!handled) ctx.Skip();
                });
                return;
            }
            var read = FeedNamespaces.IsAtom(ctx.Namespace) || ctx.Namespace.Length == 0
                ? AtomElementReader.TryReadFeed(ctx, feed)
                : ExtensionElementReader.TryReadFeed(ctx, feed);
            if (!read) ctx.Skip();
        });
    }
}
