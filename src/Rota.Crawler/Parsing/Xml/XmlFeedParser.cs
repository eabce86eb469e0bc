using System.Xml;
using Rota.Crawler.Parsing.Atom;
using Rota.Crawler.Parsing.Rdf;
using Rota.Crawler.Parsing.Rss;
using Rota.Crawler.Parsing.Text;

namespace Rota.Crawler.Parsing.Xml;

/// <summary>
/// Parses repaired feed XML by streaming it through <see cref="XmlReader"/> into the format reader the root element
/// selects. When the XML is still not well-formed, the tags are balanced (<see cref="TagBalancer"/>) and the document is
/// read again; if that fails too, whatever was read before the error is kept.
/// </summary>
internal static class XmlFeedParser
{
    private static readonly XmlReaderSettings Settings = new()
    {
        DtdProcessing = DtdProcessing.Ignore,
        XmlResolver = null,
        CheckCharacters = false,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        ConformanceLevel = ConformanceLevel.Document,
    };

    public static (FeedFormat Format, FeedMetadata Feed, List<FeedEntry> Entries) Parse(string text, FeedParseOptions options, List<FeedWarning> warnings)
    {
        var first = new Attempt();
        try
        {
            first.Run(text, options);
            return first.Result;
        }
        catch (XmlException ex)
        {
            if (first.Format is null && !first.RootSeen && ex.LineNumber <= 1 && text.TrimStart().Length == 0)
                throw new FeedParseException("feed.empty", "feed: the document has no content");
            warnings.Add(new FeedWarning(FeedWarningCodes.MalformedXml, $"feed: XML not well-formed ({ex.Message}); repaired"));
        }
        var (balanced, closedAtEnd) = TagBalancer.Balance(text);
        if (closedAtEnd) warnings.Add(new FeedWarning(FeedWarningCodes.Truncated, "feed: the document ended inside an element; what came before is kept"));
        var second = new Attempt();
        try
        {
            second.Run(balanced, options);
            return second.Result;
        }
        catch (XmlException)
        {
            var best = second.Entries.Count >= first.Entries.Count && second.Format is not null ? second : first;
            if (best.Format is null) throw new FeedParseException("feed.unreadable", "feed: no feed element could be read from the document");
            return best.Result;
        }
    }

    /// <summary>One pass over the text; keeps what it read even when the reader throws part-way.</summary>
    private sealed class Attempt
    {
        public FeedFormat? Format;
        public bool RootSeen;
        public readonly FeedMetadata Feed = new();
        public readonly List<FeedEntry> Entries = [];

        public (FeedFormat, FeedMetadata, List<FeedEntry>) Result => (Format!.Value, Feed, Entries);

        public void Run(string text, FeedParseOptions options)
        {
            using var reader = XmlReader.Create(new StringReader(text), Settings);
            if (reader.MoveToContent() != XmlNodeType.Element) throw new FeedParseException("feed.format_not_detected", "feed: the document has no root element");
            RootSeen = true;
            var ctx = new XmlFeedContext(reader, options.BaseUri, options.DefaultLanguage, options.SanitizeHtml);
            Format = FeedFormatDetector.FromRoot(reader);
            ctx.Format = Format.Value;
            ctx.EnterElement();
            switch (Format)
            {
                case FeedFormat.Atom03 or FeedFormat.Atom10: AtomFeedReader.Read(ctx, Feed, Entries); break;
                case FeedFormat.Rss10 or FeedFormat.Rss090 when reader.LocalName == "RDF": RdfFeedReader.Read(ctx, Feed, Entries); break;
                case FeedFormat.Cdf: CdfFeedReader.Read(ctx, Feed, Entries); break;
                default: RssFeedReader.Read(ctx, Feed, Entries); break;
            }
            Format = ctx.Format;
            while (reader.Read()) { } // reach the end so trailing garbage is reported like any other error
        }
    }
}
