using System.Text.RegularExpressions;

namespace Rota.Crawler.Sources;

/// <summary>Mastodon (<c>https://INSTANCE/@USER.rss</c>), Bluesky (<c>https://bsky.app/profile/HANDLE/rss</c>) and
/// Twitter/X (through the configured bridge template).</summary>
internal static partial class SocialSource
{
    private static readonly HashSet<string> TwitterReserved = new(StringComparer.OrdinalIgnoreCase)
        { "home", "i", "search", "explore", "settings", "notifications", "messages", "intent", "share", "hashtag" };

    public static bool IsTwitterHost(string bareHost) => bareHost is "twitter.com" or "x.com";

    public static bool IsFediverseHandle(string input) => FediverseHandle().IsMatch(input);

    public static bool IsBlueskyHandle(string input) => input.EndsWith(".bsky.social", StringComparison.OrdinalIgnoreCase) && BlueskyHandle().IsMatch(input);

    /// <summary><c>@user@instance</c>, <c>user@instance</c> or an instance URL <c>https://instance/@user</c>.
    /// Only the home instance serves a user's feed, so the instance in the input is the one used.</summary>
    public static SourceResolution Mastodon(string input, Uri? url)
    {
        if (url is not null)
        {
            var s = url.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
            if (s.Length >= 1 && s[0].Length > 1 && s[0][0] == '@' && User().IsMatch(s[0][1..].Replace(".rss", "", StringComparison.Ordinal)))
                return SourceResolution.Feed(SourceKind.Mastodon, $"https://{url.IdnHost}/{s[0].Replace(".rss", "", StringComparison.Ordinal)}.rss");
            return MastodonInvalid(input);
        }
        var m = FediverseHandle().Match(input);
        return m.Success
            ? SourceResolution.Feed(SourceKind.Mastodon, $"https://{m.Groups["host"].Value.ToLowerInvariant()}/@{m.Groups["user"].Value}.rss")
            : MastodonInvalid(input);
    }

    /// <summary>A handle (a domain name, with or without '@'), a DID, or a bsky.app profile URL.</summary>
    public static SourceResolution Bluesky(string input, Uri? url)
    {
        var handle = input.TrimStart('@');
        if (url is not null)
        {
            var s = url.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
            handle = url.Host.EndsWith("bsky.app", StringComparison.OrdinalIgnoreCase) && s.Length >= 2 && s[0] == "profile" ? Uri.UnescapeDataString(s[1]) : "";
        }
        return BlueskyHandle().IsMatch(handle) || Did().IsMatch(handle)
            ? SourceResolution.Feed(SourceKind.Bluesky, $"https://bsky.app/profile/{handle.ToLowerInvariant()}/rss")
            : SourceResolution.Error(SourceKind.Bluesky, SourceErrorCodes.BlueskyInvalid,
                $"source: Bluesky input '{input}' is not a handle (e.g. alice.bsky.social), a did:plc:/did:web: id or a bsky.app/profile URL");
    }

    /// <summary>A handle (with or without '@') or a twitter.com / x.com profile URL, mapped through the bridge.</summary>
    public static SourceResolution Twitter(string input, Uri? url, string? template)
    {
        var handle = input.TrimStart('@');
        if (url is not null)
        {
            var s = url.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
            handle = s.Length >= 1 && !TwitterReserved.Contains(s[0]) ? s[0] : "";
        }
        if (!TwitterHandle().IsMatch(handle))
            return SourceResolution.Error(SourceKind.Twitter, SourceErrorCodes.TwitterInvalid,
                $"source: Twitter/X input '{input}' is not a handle (1–15 letters, digits or _) or a profile URL");
        if (string.IsNullOrWhiteSpace(template))
            return SourceResolution.Error(SourceKind.Twitter, SourceErrorCodes.TwitterBridgeNotConfigured,
                $"source: Twitter/X account '{handle}' needs an RSS bridge (Nitter, RSS-Bridge); set TwitterBridgeUrlTemplate, e.g. https://nitter.example/{{handle}}/rss");
        var feed = template.Replace("{handle}", Uri.EscapeDataString(handle), StringComparison.Ordinal);
        if (!template.Contains("{handle}", StringComparison.Ordinal) || !Uri.TryCreate(feed, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            return SourceResolution.Error(SourceKind.Twitter, SourceErrorCodes.TwitterBridgeInvalid,
                $"source: TwitterBridgeUrlTemplate '{template}' must be an absolute http(s) URL containing {{handle}}");
        return new SourceResolution { Kind = SourceKind.Twitter, FeedUrl = uri };
    }

    private static SourceResolution MastodonInvalid(string input) =>
        SourceResolution.Error(SourceKind.Mastodon, SourceErrorCodes.MastodonInvalid,
            $"source: Mastodon input '{input}' is not @user@instance or an https://instance/@user URL");

    [GeneratedRegex(@"^@?(?<user>[A-Za-z0-9_]{1,30})@(?<host>(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63})$")]
    private static partial Regex FediverseHandle();

    [GeneratedRegex("^[A-Za-z0-9_]{1,30}$")]
    private static partial Regex User();

    [GeneratedRegex(@"^(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}$")]
    private static partial Regex BlueskyHandle();

    [GeneratedRegex("^did:(plc:[a-z2-7]{24}|web:[A-Za-z0-9.-]+)$")]
    private static partial Regex Did();

    [GeneratedRegex("^[A-Za-z0-9_]{1,15}$")]
    private static partial Regex TwitterHandle();
}
