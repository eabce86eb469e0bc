namespace Rota.Crawler.Parsing;

/// <summary>The detected format and version of a feed document.</summary>
public enum FeedFormat
{
    Rss090,
    Rss091,
    Rss092,
    Rss093,
    Rss094,
    Rss20,
    /// <summary>RSS 1.0, an RDF document.</summary>
    Rss10,
    Atom03,
    Atom10,
    JsonFeed10,
    JsonFeed11,
    /// <summary>Microsoft's Channel Definition Format, read like RSS.</summary>
    Cdf,
}
