namespace Rota.Crawler.Parsing.Html;

/// <summary>
/// Cleans HTML from feeds (see <see cref="HtmlFragmentSanitizer"/>): text without markup or references is returned
/// as is, and the last fragment sanitised on this thread is remembered, because RSS feeds often repeat the same HTML
/// in description and content:encoded. Thread-safe.
/// </summary>
internal static class FeedHtmlSanitizer
{
    [ThreadStatic] private static string? _lastInput;
    [ThreadStatic] private static Uri? _lastBase;
    [ThreadStatic] private static string? _lastOutput;

    /// <summary>The sanitized form of <paramref name="html"/>; relative URLs resolved against <paramref name="baseUri"/>.</summary>
    public static string Sanitize(string html, Uri? baseUri)
    {
        if (html.AsSpan().IndexOfAny('<', '&', '>') < 0) return html;
        if (_lastOutput is not null && (ReferenceEquals(_lastBase, baseUri) || _lastBase?.OriginalString == baseUri?.OriginalString) && string.Equals(_lastInput, html, StringComparison.Ordinal))
            return _lastOutput;
        var output = HtmlFragmentSanitizer.Sanitize(html, baseUri);
        (_lastInput, _lastBase, _lastOutput) = (html, baseUri, output);
        return output;
    }
}
