using System.Text.RegularExpressions;
using AngleSharp.Dom;
using Rota.Crawler.Sources;

namespace Rota.Crawler.Discovery;

/// <summary>Finds the channel id on a YouTube page (@handle, /c/, video): handles have no feed of their own, the id does.</summary>
internal static partial class YouTubeChannelPage
{
    /// <summary>The canonical link and the page's own metadata come first: <c>"channelId"</c> also appears for other
    /// channels (recommendations), so it is only the last resort.</summary>
    public static string? FindChannelId(IDocument document, string html)
    {
        if (document.QuerySelector("link[rel=canonical][href]")?.GetAttribute("href") is { } canonical
            && CanonicalChannel().Match(canonical) is { Success: true } c)
            return c.Groups[1].Value;
        foreach (var selector in (string[])["meta[itemprop=identifier][content]", "meta[itemprop=channelId][content]"])
            if (document.QuerySelector(selector)?.GetAttribute("content") is { } id && YouTubeSource.IsChannelId(id))
                return id;
        foreach (var pattern in (Regex[])[ExternalId(), ChannelId()])
            if (pattern.Match(html) is { Success: true } m) return m.Groups[1].Value;
        return null;
    }

    public static string FeedUrl(string channelId) => YouTubeSource.ChannelFeed(channelId);

    [GeneratedRegex(@"youtube\.com/channel/(UC[A-Za-z0-9_-]{22})(?![A-Za-z0-9_-])")]
    private static partial Regex CanonicalChannel();

    [GeneratedRegex(@"""externalId""\s*:\s*""(UC[A-Za-z0-9_-]{22})""")]
    private static partial Regex ExternalId();

    [GeneratedRegex(@"""channelId""\s*:\s*""(UC[A-Za-z0-9_-]{22})""")]
    private static partial Regex ChannelId();
}
