using System.Xml;
using Rota.Crawler.Parsing.Dates;
using Rota.Crawler.Parsing.Html;

namespace Rota.Crawler.Parsing.Xml;

/// <summary>
/// The cursor every format reader shares: the <see cref="XmlReader"/>, the xml:base in scope at each depth, the
/// default language, and helpers that read an element's text, URL or date and leave the reader after its end tag.
/// </summary>
internal sealed class XmlFeedContext(XmlReader reader, Uri? documentBase, string? defaultLanguage, bool sanitize)
{
    private Uri?[] _bases = new Uri?[32];

    public XmlReader Reader { get; } = reader;
    public FeedFormat Format { get; set; }

    /// <summary>Set from the channel link when the document has no base of its own, so relative links still resolve.</summary>
    public Uri? FallbackBase { get; set; }

    public string? DefaultLanguage { get; set; } = defaultLanguage;

    public Uri? Base => BaseAt(Reader.Depth);

    public string LocalName => Reader.LocalName;
    public string Namespace => Reader.NamespaceURI;

    /// <summary>Records the element's xml:base (resolved against its parent's); call on arriving at a start tag.</summary>
    public void EnterElement()
    {
        var depth = Reader.Depth;
        if (depth + 1 >= _bases.Length) Array.Resize(ref _bases, _bases.Length * 2);
        var parent = depth == 0 ? documentBase : _bases[depth - 1];
        var declared = Reader.GetAttribute("base", FeedNamespaces.Xml);
        _bases[depth] = declared is null ? parent : UrlResolver.Combine(parent ?? FallbackBase, declared) ?? parent;
    }

    private Uri? BaseAt(int depth) => depth < _bases.Length ? _bases[depth] ?? FallbackBase : FallbackBase;

    /// <summary>Calls <paramref name="handle"/> on each child element; it must consume the element (or call
    /// <see cref="Skip"/>). Leaves the reader after the parent's end tag.</summary>
    public void ForEachChild(Action handle)
    {
        if (Reader.IsEmptyElement)
        {
            Reader.Read();
            return;
        }
        var depth = Reader.Depth;
        Reader.Read();
        while (!Reader.EOF && !(Reader.NodeType == XmlNodeType.EndElement && Reader.Depth == depth))
        {
            if (Reader.NodeType == XmlNodeType.Element)
            {
                EnterElement();
                handle();
            }
            else Reader.Read();
        }
        if (!Reader.EOF) Reader.Read();
    }

    public void Skip() => Reader.Skip();

    public string? Attribute(string name) => Reader.GetAttribute(name);

    public string? Attribute(string name, string ns) => Reader.GetAttribute(name, ns);

    /// <summary>The element's text; markup inside it (HTML written unescaped) is kept as markup.</summary>
    public string ReadText() => MarkupReader.ReadContent(Reader, out _).Trim();

    public string? ReadNonEmptyText() => ReadText() is { Length: > 0 } s ? s : null;

    /// <summary>The element's text as an absolute URL (relative ones resolved against xml:base), or null when blank.</summary>
    public string? ReadUrl()
    {
        var b = Base;
        var text = ReadText();
        return text.Length == 0 ? null : Resolve(text, b);
    }

    public string? Resolve(string? url, Uri? against = null) => string.IsNullOrWhiteSpace(url) ? null : UrlResolver.Resolve(against ?? Base, url.Trim());

    public DateTimeOffset? ReadDate() => FeedDateParser.Parse(ReadText());

    /// <summary>The language in scope: xml:lang on this element or an ancestor, else the feed's declared one;
    /// "en_US" is written as the "en-US" it means.</summary>
    public string? Language => Reader.XmlLang is { Length: > 0 } lang ? (lang.Contains('_') ? lang.Replace('_', '-') : lang) : DefaultLanguage;

    /// <summary>Builds a text construct, sanitizing HTML and resolving its relative URLs; HTML in text declared
    /// plain (RSS titles) is detected first.</summary>
    public FeedText MakeText(string value, string type, string? language, Uri? baseUri, bool guessHtml = false)
    {
        if (guessHtml && type == FeedText.Plain && HtmlSniffer.LooksLikeHtml(value)) type = FeedText.Html;
        if (type is FeedText.Html or FeedText.Xhtml && sanitize) value = FeedHtmlSanitizer.Sanitize(value, baseUri);
        return new FeedText(value, type, language, baseUri?.AbsoluteUri);
    }

    /// <summary>Reads the element as a text construct of a fixed type (RSS and extension elements).</summary>
    public FeedText ReadTextAs(string type, bool guessHtml = false)
    {
        var language = Language;
        var b = Base;
        var value = MarkupReader.ReadContent(Reader, out var hadMarkup).Trim();
        if (hadMarkup && type == FeedText.Plain) type = FeedText.Html;
        return MakeText(value, type, language, b, guessHtml);
    }
}
