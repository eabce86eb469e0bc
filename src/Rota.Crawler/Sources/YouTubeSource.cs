using System.Text.RegularExpressions;
using System.Web;

namespace Rota.Crawler.Sources;

/// <summary>YouTube inputs → <c>https://www.youtube.com/feeds/videos.xml?channel_id=|playlist_id=|user=</c>. Handles,
/// /c/ names and video pages need the page itself (it names the channel id), so they resolve to discovery.</summary>
internal static partial class YouTubeSource
{
    private const string FeedBase = "https://www.youtube.com/feeds/videos.xml";

    public static bool IsHost(string bareHost) => bareHost is "youtube.com" or "youtu.be" or "youtube-nocookie.com";

    public static string ChannelFeed(string channelId) => $"{FeedBase}?channel_id={channelId}";

    public static bool IsChannelId(string value) => ChannelId().IsMatch(value);

    /// <summary>A URL, a channel id (UC…), a playlist id (PL…, UU…) or a handle with or without '@'.</summary>
    public static SourceResolution FromInput(string input)
    {
        if (ChannelId().IsMatch(input)) return SourceResolution.Feed(SourceKind.YouTube, ChannelFeed(input));
        if (PlaylistId().IsMatch(input)) return SourceResolution.Feed(SourceKind.YouTube, $"{FeedBase}?playlist_id={input}");
        var handle = input.TrimStart('@');
        if (Handle().IsMatch(handle)) return SourceResolution.Discover(SourceKind.YouTube, $"https://www.youtube.com/@{handle}");
        return Invalid(input, "not a channel id (UC…), playlist id or @handle");
    }

    public static SourceResolution FromUrl(Uri url)
    {
        var query = HttpUtility.ParseQueryString(url.Query);
        var segments = url.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var first = segments.Length > 0 ? segments[0] : "";
        var second = segments.Length > 1 ? Uri.UnescapeDataString(segments[1]) : "";
        if (url.Host.EndsWith("youtu.be", StringComparison.OrdinalIgnoreCase) && first.Length > 0)
            return SourceResolution.Discover(SourceKind.YouTube, $"https://www.youtube.com/watch?v={Uri.EscapeDataString(first)}");
        if (first.StartsWith('@') && Handle().IsMatch(Uri.UnescapeDataString(first)[1..]))
            return SourceResolution.Discover(SourceKind.YouTube, $"https://www.youtube.com/{first}");
        switch (first)
        {
            case "feeds" when second == "videos.xml":
                foreach (var key in (string[])["channel_id", "playlist_id", "user"])
                    if (query[key] is { Length: > 0 } value)
                        return SourceResolution.Feed(SourceKind.YouTube, $"{FeedBase}?{key}={Uri.EscapeDataString(value)}");
                return Invalid(url.OriginalString, "the feed URL names no channel_id, playlist_id or user");
            case "channel":
                return ChannelId().IsMatch(second)
                    ? SourceResolution.Feed(SourceKind.YouTube, ChannelFeed(second))
                    : Invalid(url.OriginalString, $"'{second}' is not a channel id (UC followed by 22 characters)");
            case "playlist" or "watch" when query["list"] is { } list && PlaylistId().IsMatch(list):
                return SourceResolution.Feed(SourceKind.YouTube, $"{FeedBase}?playlist_id={list}");
            case "user" when Handle().IsMatch(second):
                // The legacy user feed still works for old accounts; it is flaky, which the caller treats as transient.
                return SourceResolution.Feed(SourceKind.YouTube, $"{FeedBase}?user={Uri.EscapeDataString(second)}");
            case "c" when second.Length > 0:
                return SourceResolution.Discover(SourceKind.YouTube, $"https://www.youtube.com/c/{Uri.EscapeDataString(second)}");
            case "watch" when query["v"] is { Length: > 0 } video:
                return SourceResolution.Discover(SourceKind.YouTube, $"https://www.youtube.com/watch?v={Uri.EscapeDataString(video)}");
            case "shorts" when second.Length > 0:
                return SourceResolution.Discover(SourceKind.YouTube, $"https://www.youtube.com/shorts/{Uri.EscapeDataString(second)}");
        }
        return Invalid(url.OriginalString, "not a channel, @handle, playlist, user or video URL");
    }

    private static SourceResolution Invalid(string input, string why) =>
        SourceResolution.Error(SourceKind.YouTube, SourceErrorCodes.YouTubeInvalid, $"source: YouTube input '{input}' is {why}");

    [GeneratedRegex("^UC[A-Za-z0-9_-]{22}$")]
    private static partial Regex ChannelId();

    // Playlist ids: user playlists (PL), a channel's uploads/long-form/shorts/live (UU, UULF, UUSH, UULV), mixes and others.
    [GeneratedRegex("^(PL|UU|OL|FL|LL)[A-Za-z0-9_-]{10,64}$")]
    private static partial Regex PlaylistId();

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._-]{1,99}$")]
    private static partial Regex Handle();
}
