namespace Rota.Crawler.Parsing.Xml;

/// <summary>Namespace URIs the parser understands.</summary>
internal static class FeedNamespaces
{
    public const string Atom10 = "http://www.w3.org/2005/Atom";
    public const string Atom03 = "http://purl.org/atom/ns#";
    public const string Rss10 = "http://purl.org/rss/1.0/";
    public const string Rss090 = "http://my.netscape.com/rdf/simple/0.9/";
    public const string Rdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
    public const string Content = "http://purl.org/rss/1.0/modules/content/";
    public const string DublinCore = "http://purl.org/dc/elements/1.1/";
    public const string DcTerms = "http://purl.org/dc/terms/";
    public const string Media = "http://search.yahoo.com/mrss/";
    public const string ITunes = "http://www.itunes.com/dtds/podcast-1.0.dtd";
    public const string Xhtml = "http://www.w3.org/1999/xhtml";
    public const string Xml = "http://www.w3.org/XML/1998/namespace";

    /// <summary>True for the namespaces RSS elements appear in: none, RSS 1.0, RSS 0.90 and the odd userland ones.</summary>
    public static bool IsRss(string ns) => ns.Length == 0 || ns == Rss10 || ns == Rss090 || ns.StartsWith("http://backend.userland.com/rss", StringComparison.Ordinal);

    /// <summary>Atom 1.0, Atom 0.3, and the namespaces Atom had before 0.3 (Echo, Pie), which old feeds still carry.</summary>
    public static bool IsAtom(string ns) => ns == Atom10 || ns == Atom03 || ns is "http://purl.org/echo/" or "http://purl.org/pie/";

    /// <summary>iTunes namespace as written by Apple, and its common misspellings with case or https.</summary>
    public static bool IsITunes(string ns) => ns.Equals(ITunes, StringComparison.OrdinalIgnoreCase) || ns.EndsWith("itunes.com/dtds/podcast-1.0.dtd", StringComparison.OrdinalIgnoreCase);

    /// <summary>Media RSS, with or without the trailing slash.</summary>
    public static bool IsMedia(string ns) => ns.StartsWith("http://search.yahoo.com/mrss", StringComparison.Ordinal);
}
