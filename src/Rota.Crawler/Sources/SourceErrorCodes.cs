namespace Rota.Crawler.Sources;

/// <summary>Stable codes of <see cref="SourceResolution.ErrorCode"/>. All are permanent: the same input fails the
/// same way until the user (or the configuration) changes it.</summary>
public static class SourceErrorCodes
{
    /// <summary>The input is empty or whitespace.</summary>
    public const string Empty = "source.empty";
    /// <summary>The input is neither a URL nor a handle form we know.</summary>
    public const string Unrecognized = "source.unrecognized";
    /// <summary>A URL with a scheme other than http/https.</summary>
    public const string UnsupportedScheme = "source.unsupported_scheme";
    /// <summary>A bare <c>@name</c>, which could be YouTube, Bluesky or Twitter: pass a kind.</summary>
    public const string AmbiguousHandle = "source.ambiguous_handle";
    /// <summary>A YouTube URL or id that maps to no feed (bad channel id, unknown path).</summary>
    public const string YouTubeInvalid = "source.youtube_invalid";
    /// <summary>A subreddit or Reddit user name that is not valid.</summary>
    public const string RedditInvalid = "source.reddit_invalid";
    /// <summary>Not an <c>owner/repo</c> or github.com URL with a valid owner and repository.</summary>
    public const string GitHubInvalid = "source.github_invalid";
    /// <summary>Not a <c>@user@instance</c> or instance <c>/@user</c> URL.</summary>
    public const string MastodonInvalid = "source.mastodon_invalid";
    /// <summary>Not a Bluesky handle (a domain name), DID or bsky.app profile URL.</summary>
    public const string BlueskyInvalid = "source.bluesky_invalid";
    /// <summary>Not a Twitter/X handle (1–15 letters, digits, underscore) or profile URL.</summary>
    public const string TwitterInvalid = "source.twitter_invalid";
    /// <summary>Twitter/X sources need <see cref="SourceResolverOptions.TwitterBridgeUrlTemplate"/>; none is set.</summary>
    public const string TwitterBridgeNotConfigured = "source.twitter_bridge_not_configured";
    /// <summary>The bridge template does not contain <c>{handle}</c> or does not make an absolute http(s) URL.</summary>
    public const string TwitterBridgeInvalid = "source.twitter_bridge_invalid";
}
