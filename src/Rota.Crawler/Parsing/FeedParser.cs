using Rota.Crawler.Parsing.JsonFeed;
using Rota.Crawler.Parsing.Text;
using Rota.Crawler.Parsing.Xml;

namespace Rota.Crawler.Parsing;

/// <summary>
/// Parses RSS 0.9x/1.0/2.0, Atom 0.3/1.0 and JSON Feed 1.0/1.1 into one <see cref="FeedDocument"/>. Lenient: encoding
/// mistakes, undeclared entities, stray '&amp;', control characters, broken or truncated markup are repaired and listed in
/// <see cref="FeedDocument.Warnings"/>. Throws <see cref="FeedParseException"/> only when the input is not a feed
/// (<c>feed.empty</c>, <c>feed.format_not_detected</c>, <c>feed.unreadable</c>). Stateless and thread-safe.
/// </summary>
public static class FeedParser
{
    public static FeedDocument Parse(ReadOnlySpan<byte> bytes, FeedParseOptions? options = null)
    {
        options ??= FeedParseOptions.Default;
        if (IsBlank(bytes)) throw new FeedParseException("feed.empty", "feed: the document is empty");
        if (LooksBinary(bytes)) throw new FeedParseException("feed.format_not_detected", "feed: the document is binary data, not a feed");
        var decoded = FeedTextDecoder.Decode(bytes, options.ContentType);
        var warnings = new List<FeedWarning>(decoded.Warnings);
        var text = decoded.Text;
        var start = FirstSignificant(text);
        if (start < 0) throw new FeedParseException("feed.empty", "feed: the document is empty");

        (FeedFormat Format, FeedMetadata Feed, List<FeedEntry> Entries) result;
        if (text[start] == '{') result = JsonFeedReader.Read(text, options);
        else
        {
            if (text[start] != '<') throw new FeedParseException("feed.format_not_detected", $"feed: the document starts with '{Preview(text, start)}', not with XML or JSON");
            var repaired = XmlTextRepairer.Repair(start > 0 ? text[start..] : text, warnings);
            result = XmlFeedParser.Parse(repaired, options, warnings);
        }
        FeedNormalizer.Complete(result.Feed, result.Entries);
        return new FeedDocument
        {
            Format = result.Format,
            Encoding = decoded.EncodingName,
            Feed = result.Feed,
            Entries = result.Entries,
            Warnings = warnings,
        };
    }

    private static bool IsBlank(ReadOnlySpan<byte> bytes)
    {
        foreach (var b in bytes)
            if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')) return false;
        return true;
    }

    /// <summary>Many control bytes (NUL above all) in a document that is not UTF-16/32 mean an image, archive or
    /// executable; a few stray ones are a damaged text feed, repaired later.</summary>
    private static bool LooksBinary(ReadOnlySpan<byte> bytes)
    {
        if (EncodingSniffer.FromBytes(bytes) is { Name: not "utf-8" }) return false;
        var sample = bytes[..Math.Min(bytes.Length, 1024)];
        var controls = 0;
        foreach (var b in sample)
            if (b < 0x20 && b is not ((byte)'\t' or (byte)'\n' or (byte)'\r')) controls++;
        return controls * 10 > sample.Length;
    }

    private static int FirstSignificant(string text)
    {
        for (var i = 0; i < text.Length; i++)
            if (!char.IsWhiteSpace(text[i]) && text[i] != '\uFEFF') return i;
        return -1;
    }

    private static string Preview(string text, int start) => text.Substring(start, Math.Min(20, text.Length - start)).ReplaceLineEndings(" ");
}
