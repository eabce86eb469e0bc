using System.ServiceModel.Syndication;
using System.Xml;
using Rota.Crawler.Parsing;

namespace Rota.Benchmarks.Feeds;

/// <summary>The two .NET parsers measured in process: Rota's lenient parser with its defaults (HTML sanitised,
/// dates parsed, URLs resolved) and System.ServiceModel.Syndication over an <see cref="XmlReader"/>.</summary>
internal static class FeedParsers
{
    // DTDs ignored rather than prohibited (the default would reject every document with a DOCTYPE); no resolver.
    private static readonly XmlReaderSettings SyndicationReaderSettings = new()
    {
        DtdProcessing = DtdProcessing.Ignore,
        XmlResolver = null,
        CloseInput = true,
    };

    private static readonly FeedParseOptions Unsanitized = new() { SanitizeHtml = false };

    public static int Rota(byte[] bytes) => FeedParser.Parse(bytes).Entries.Count;

    /// <summary>Rota without HTML sanitising (shown for information: how much of Rota's time the sanitiser takes).</summary>
    public static int RotaUnsanitized(byte[] bytes) => FeedParser.Parse(bytes, Unsanitized).Entries.Count;

    public static int Syndication(byte[] bytes)
    {
        using var reader = XmlReader.Create(new MemoryStream(bytes, writable: false), SyndicationReaderSettings);
        var feed = SyndicationFeed.Load(reader);
        return feed.Items.Count();
    }
}
