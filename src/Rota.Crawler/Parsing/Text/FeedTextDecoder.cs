using System.Collections.Concurrent;
using System.Text;
using System.Text.Unicode;

namespace Rota.Crawler.Parsing.Text;

/// <summary>
/// Turns feed bytes into text the way feedparser does (RFC 3023): an HTTP charset wins; text/*xml without one is
/// us-ascii; otherwise the BOM or byte pattern, then the XML declaration, then UTF-8. A declared encoding that is
/// unknown or does not fit the bytes is replaced (UTF-8, then Windows-1252) and reported as a warning.
/// </summary>
internal static class FeedTextDecoder
{
    static FeedTextDecoder() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static DecodedText Decode(ReadOnlySpan<byte> bytes, string? contentType)
    {
        var warnings = new List<FeedWarning>();
        var sniffed = EncodingSniffer.FromBytes(bytes);
        var declared = EncodingSniffer.FromDeclaration(EncodingSniffer.Head(bytes, sniffed?.Name));
        var header = ContentTypeHeader.Parse(contentType);

        string wanted;
        if (sniffed is { } s && (s.BomLength > 0 || s.Name != "utf-8")) wanted = s.Name; // the bytes cannot lie about UTF-16/32
        else if (header is { Charset: { } charset }) wanted = charset;
        else if (header is { IsTextXml: true }) wanted = "us-ascii";
        else wanted = declared ?? "utf-8";

        var body = bytes[(sniffed?.BomLength ?? 0)..];
        var name = Canonical(wanted);
        if (TryDecode(body, name, out var text)) return new DecodedText(C1Controls.ToWindows1252(text), name, warnings);

        warnings.Add(new FeedWarning(FeedWarningCodes.EncodingOverride,
            $"feed: the document is not valid '{wanted}' (declared or implied); read as another encoding"));
        foreach (var fallback in (string[])["utf-8", "windows-1252"])
        {
            if (fallback != name && TryDecode(body, fallback, out text)) return new DecodedText(C1Controls.ToWindows1252(text), fallback, warnings);
        }
        warnings.Add(new FeedWarning(FeedWarningCodes.EncodingInvalid, "feed: invalid byte sequences replaced with U+FFFD"));
        return new DecodedText(new UTF8Encoding(false, false).GetString(body), "utf-8", warnings);
    }

    /// <summary>Lower-case names feedparser reports; gb2312 is read as its superset gb18030.</summary>
    private static string Canonical(string name)
    {
        var n = name.Trim().ToLowerInvariant();
        return n switch
        {
            "utf8" => "utf-8",
            "gb2312" or "gbk" => "gb18030",
            "latin1" or "latin-1" or "iso_8859-1" or "iso8859-1" => "iso-8859-1",
            "ascii" => "us-ascii",
            "utf-16" => "utf-16be",
            "utf-32" => "utf-32be",
            _ => n,
        };
    }

    private static readonly UTF8Encoding StrictUtf8 = new(false, true);

    /// <summary>Strict encodings by name: creating one loads its code page tables, far dearer than decoding a feed.
    /// Only names that resolve are kept (a bounded set, whatever feeds declare).</summary>
    private static readonly ConcurrentDictionary<string, Encoding> Encodings = new(StringComparer.Ordinal);

    private static bool TryDecode(ReadOnlySpan<byte> bytes, string name, out string text)
    {
        text = "";
        if (name == "utf-8")
        {
            if (!Utf8.IsValid(bytes)) return false;
            text = StrictUtf8.GetString(bytes);
            return true;
        }
        var encoding = Strict(name);
        if (encoding is null) return false;
        try
        {
            text = encoding.GetString(bytes);
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }

    private static Encoding? Strict(string name)
    {
        // Latin-1 labelled feeds are Windows-1252 in practice (curly quotes in 0x80–0x9F), as browsers assume.
        var actual = name is "iso-8859-1" or "us-ascii" ? "windows-1252" : name;
        if (Encodings.TryGetValue(actual, out var cached)) return cached;
        try
        {
            var encoding = Encoding.GetEncoding(actual, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
            return Encodings.GetOrAdd(actual, encoding);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }
}
