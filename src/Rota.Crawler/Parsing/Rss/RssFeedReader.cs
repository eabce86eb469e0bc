using Rota.Crawler.Parsing.Xml;

namespace Rota.Crawler.Parsing.Rss;

/// <summary>Reads RSS 0.9x/2.0 from the root <c>rss</c> element: the channel, and items wherever they are (inside
/// the channel, or beside it as some 0.9x feeds put them).</summary>
internal static class RssFeedReader
{
    public static FeedFormat FormatOf(string? version) => version?.Trim() switch
    {
        "0.90" => FeedFormat.Rss090,
        "0.91" => FeedFormat.Rss091,
        "0.92" => FeedFormat.Rss092,
        "0.93" => FeedFormat.Rss093,
        "0.94" => FeedFormat.Rss094,
        _ => FeedFormat.Rss20,
    };

    public static void Read(XmlFeedContext ctx, FeedMetadata feed, List<FeedEntry> entries)
    {
        ctx.ForEachChild(() =>
        {
            if (ctx.LocalName == "channel") ReadChannel(ctx, feed, entries);
            else if (ctx.LocalName == "item") RssItemReader.Read(ctx, entries);
            else if (!RssChannelReader.TryRead(ctx, feed)) ctx.Skip();
        });
    }

    public static void ReadChannel(XmlFeedContext ctx, FeedMetadata feed, List<FeedEntry> entries)
    {
        ctx.ForEachChild(() =>
        {
            if (ctx.LocalName == "item" && FeedNamespaces.IsRss(ctx.Namespace)) RssItemReader.Read(ctx, entries);
            else if (!RssChannelReader.TryRead(ctx, feed)) ctx.Skip();
        });
    }
}
