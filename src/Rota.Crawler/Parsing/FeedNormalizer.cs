using Rota.Crawler.Parsing.Atom;

namespace Rota.Crawler.Parsing;

/// <summary>Fills the fields consumers rely on from the ones a format happens to provide: links from link lists or
/// permalink GUIDs, and feed image from the logo.</summary>
internal static class FeedNormalizer
{
    public static void Complete(FeedMetadata feed, List<FeedEntry> entries)
    {
        feed.Link ??= AtomLinkReader.Alternate(feed.Links);
        if (feed.Image is null && feed.Logo is not null) feed.Image = new FeedImage(feed.Logo);
        foreach (var entry in entries)
        {
            entry.Link ??= AtomLinkReader.Alternate(entry.Links) ?? (entry.GuidIsLink ? entry.Id : null);
        }
    }
}
