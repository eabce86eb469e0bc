using Rota.Crawler.Parsing.Xml;

namespace Rota.Crawler.Parsing.Html;

/// <summary>
/// The value a URL attribute may keep: cleaned as a browser's URL parser cleans it (surrounding spaces and controls
/// stripped, tabs and newlines removed anywhere, so "java&#9;script:" is seen as the browser sees it), resolved against
/// the base, and kept only when its scheme is allowlisted. <c>data:</c> is kept for images only (an image cannot run
/// script). A refused URL becomes "", as feedparser writes it.
/// </summary>
internal static class SafeUrl
{
    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> Schemes =
        new HashSet<string>(FeedHtmlAllowlist.UriSchemes.Where(s => s != "data"), StringComparer.OrdinalIgnoreCase).GetAlternateLookup<ReadOnlySpan<char>>();

    public static string Clean(string value, Uri? baseUri, bool isImageSource)
    {
        var url = Normalize(value);
        if (url.Length == 0) return url;
        if (SchemeOf(url).IsEmpty) url = UrlResolver.Resolve(baseUri, url);
        var scheme = SchemeOf(url);
        if (scheme.IsEmpty || Schemes.Contains(scheme)) return url;
        var isImageData = isImageSource && scheme.Equals("data", StringComparison.OrdinalIgnoreCase)
            && url.AsSpan(5).TrimStart().StartsWith("image/", StringComparison.OrdinalIgnoreCase);
        return isImageData ? url : "";
    }

    private static string Normalize(string value)
    {
        var trimmed = value.AsSpan().Trim(ControlsAndSpace);
        if (trimmed.IndexOfAny('\t', '\n', '\r') < 0) return trimmed.Length == value.Length ? value : trimmed.ToString();
        Span<char> buffer = trimmed.Length <= 512 ? stackalloc char[trimmed.Length] : new char[trimmed.Length];
        var n = 0;
        foreach (var c in trimmed)
            if (c is not ('\t' or '\n' or '\r')) buffer[n++] = c;
        return buffer[..n].ToString();
    }

    private static readonly string ControlsAndSpace = string.Concat(Enumerable.Range(0, 0x21).Select(i => (char)i));

    /// <summary>The scheme when <paramref name="url"/> starts with one, as the URL parser reads it; empty when not.</summary>
    private static ReadOnlySpan<char> SchemeOf(string url)
    {
        if (url.Length == 0 || !char.IsAsciiLetter(url[0])) return default;
        for (var i = 1; i < url.Length; i++)
        {
            var c = url[i];
            if (c == ':') return url.AsSpan(0, i);
            if (!(char.IsAsciiLetterOrDigit(c) || c is '+' or '-' or '.')) return default;
        }
        return default;
    }
}
