namespace Rota.Crawler.Sources;

/// <summary>
/// Turns what a user typed — a URL or a handle — into a feed URL without touching the network where the platform's
/// feed URL can be derived (see docs/crawler.md for the table). When it cannot (a YouTube @handle, a plain web page)
/// the result asks for discovery on a page URL instead. Pass <c>kind</c> when the input is ambiguous (a bare
/// <c>@name</c>) or to force an interpretation; without it the form of the input decides.
/// </summary>
public sealed class SourceResolver(SourceResolverOptions? options = null)
{
    private static readonly string[] FeedExtensions = [".rss", ".xml", ".atom", ".rdf"];
    private static readonly string[] FeedNames = ["feed", "rss", "atom", "feeds"];
    private readonly SourceResolverOptions _options = options ?? SourceResolverOptions.Default;

    public SourceResolution Resolve(string input, SourceKind? kind = null)
    {
        var text = input?.Trim() ?? "";
        if (text.Length == 0) return SourceResolution.Error(kind, SourceErrorCodes.Empty, "source: the input is empty");
        var url = AsUrl(text);
        if (url is null && text.Contains("://", StringComparison.Ordinal))
            return SourceResolution.Error(kind, SourceErrorCodes.UnsupportedScheme, $"source: '{text}' is not an http(s) URL");
        return kind is { } k ? ResolveAs(k, text, url) : Guess(text, url);
    }

    private SourceResolution ResolveAs(SourceKind kind, string text, Uri? url) => kind switch
    {
        SourceKind.YouTube => url is null ? YouTubeSource.FromInput(text) : YouTubeSource.FromUrl(url),
        SourceKind.Reddit => RedditSource.FromPath(text, url?.AbsolutePath ?? text),
        SourceKind.GitHub => url is null ? GitHubSource.FromHandle(text, _options.GitHubFeed) : GitHubSource.FromPath(text, url.AbsolutePath, _options.GitHubFeed),
        SourceKind.Mastodon => SocialSource.Mastodon(text, url),
        SourceKind.Bluesky => SocialSource.Bluesky(text, url),
        SourceKind.Twitter => SocialSource.Twitter(text, url, _options.TwitterBridgeUrlTemplate),
        SourceKind.Feed or SourceKind.JsonFeed => url is null ? NotAUrl(kind, text) : new SourceResolution { Kind = kind, FeedUrl = url },
        _ => url is null ? NotAUrl(kind, text) : new SourceResolution { Kind = SourceKind.WebPage, DiscoveryUrl = url },
    };

    private SourceResolution Guess(string text, Uri? url)
    {
        if (url is not null) return FromUrl(url);
        if (SocialSource.IsFediverseHandle(text)) return SocialSource.Mastodon(text, null);
        if (text.TrimStart('/') is var path && (path.StartsWith("r/", StringComparison.Ordinal) || path.StartsWith("u/", StringComparison.Ordinal)))
            return RedditSource.FromPath(text, path);
        if (text.StartsWith('@'))
            return SourceResolution.Error(null, SourceErrorCodes.AmbiguousHandle,
                $"source: '{text}' could be a YouTube, Bluesky or Twitter/X handle; say which kind it is");
        if (SocialSource.IsBlueskyHandle(text)) return SocialSource.Bluesky(text, null);
        if (GitHubSource.LooksLikeRepo(text)) return GitHubSource.FromHandle(text, _options.GitHubFeed);
        // "example.com/blog": a URL without its scheme.
        if (!text.Contains(' ', StringComparison.Ordinal) && text.Split('/')[0].Contains('.', StringComparison.Ordinal)
            && AsUrl("https://" + text) is { } bare)
            return FromUrl(bare);
        return SourceResolution.Error(null, SourceErrorCodes.Unrecognized,
            $"source: '{text}' is neither an http(s) URL nor a known handle form (r/NAME, owner/repo, @user@instance, NAME.bsky.social)");
    }

    private SourceResolution FromUrl(Uri url)
    {
        var host = BareHost(url);
        if (YouTubeSource.IsHost(host)) return YouTubeSource.FromUrl(url);
        if (RedditSource.IsHost(host)) return RedditSource.FromPath(url.OriginalString, url.AbsolutePath);
        if (GitHubSource.IsHost(host)) return GitHubSource.FromPath(url.OriginalString, url.AbsolutePath, _options.GitHubFeed);
        if (host == "bsky.app") return SocialSource.Bluesky(url.OriginalString, url);
        if (SocialSource.IsTwitterHost(host)) return SocialSource.Twitter(url.OriginalString, url, _options.TwitterBridgeUrlTemplate);
        var path = url.AbsolutePath.TrimEnd('/');
        var last = path[(path.LastIndexOf('/') + 1)..].ToLowerInvariant();
        if (last.EndsWith(".json", StringComparison.Ordinal) && last.Contains("feed", StringComparison.Ordinal))
            return new SourceResolution { Kind = SourceKind.JsonFeed, FeedUrl = url };
        if (FeedExtensions.Any(e => last.EndsWith(e, StringComparison.Ordinal)) || FeedNames.Contains(last))
            return new SourceResolution { Kind = SourceKind.Feed, FeedUrl = url };
        // Anything else may be a feed or a page; discovery fetches it and tells.
        return new SourceResolution { Kind = SourceKind.WebPage, DiscoveryUrl = url };
    }

    /// <summary>The host without the prefixes that serve the same site (www., m., old. …), lower-case.</summary>
    internal static string BareHost(Uri url)
    {
        var host = url.IdnHost.ToLowerInvariant();
        foreach (var prefix in (string[])["www.", "m.", "mobile.", "old.", "new.", "music."])
            if (host.StartsWith(prefix, StringComparison.Ordinal)) return host[prefix.Length..];
        return host;
    }

    private static Uri? AsUrl(string text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var u) && u.Scheme is "http" or "https" && u.Host.Length > 0 ? u : null;

    private static SourceResolution NotAUrl(SourceKind kind, string text) =>
        SourceResolution.Error(kind, SourceErrorCodes.Unrecognized, $"source: a {kind} source needs an http(s) URL, got '{text}'");
}
