using Rota.Crawler.Parsing.Rss;
using Rota.Crawler.Parsing.Xml;

namespace Rota.Crawler.Parsing.Rdf;

/// <summary>Reads RSS 1.0 and RSS 0.90, both RDF documents: <c>channel</c>, <c>image</c>, <c>item</c> and
/// <c>textinput</c> are siblings under <c>rdf:RDF</c>; the namespace of the channel tells the version.</summary>
internal static class RdfFeedReader
{
    public static void Read(XmlFeedContext ctx, FeedMetadata feed, List<FeedEntry> entries)
    {
        ctx.ForEachChild(() =>
        {
            if (ctx.Namespace == FeedNamespaces.Rss090) ctx.Format = FeedFormat.Rss090;
            switch (ctx.LocalName)
            {
                case "channel": RssFeedReader.ReadChannel(ctx, feed, entries); break;
                case "item": RssItemReader.Read(ctx, entries); break;
                default: if (!RssChannelReader.TryRead(ctx, feed)) ctx.Skip(); break;
            }
        });
    }
}
