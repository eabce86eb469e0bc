using Rota.Crawler.Sources;

namespace Rota.Crawler.Tests.Sources;

public sealed class SourceResolverTests
{
    private const string Channel = "UCuAXFkgsw1L7xaCfnd5JJOw";
    private static readonly SourceResolver Resolver = new();

    [Theory]
    [InlineData("https://www.youtube.com/channel/" + Channel, "https://www.youtube.com/feeds/videos.xml?channel_id=" + Channel)]
    [InlineData("https://m.youtube.com/channel/" + Channel + "/videos", "https://www.youtube.com/feeds/videos.xml?channel_id=" + Channel)]
    [InlineData("https://www.youtube.com/playlist?list=PLBCF2DAC6FFB574DE", "https://www.youtube.com/feeds/videos.xml?playlist_id=PLBCF2DAC6FFB574DE")]
    [InlineData("https://www.youtube.com/watch?v=abc&list=PLBCF2DAC6FFB574DE", "https://www.youtube.com/feeds/videos.xml?playlist_id=PLBCF2DAC6FFB574DE")]
    [InlineData("https://www.youtube.com/user/GoogleDevelopers", "https://www.youtube.com/feeds/videos.xml?user=GoogleDevelopers")]
    [InlineData("https://www.youtube.com/feeds/videos.xml?channel_id=" + Channel, "https://www.youtube.com/feeds/videos.xml?channel_id=" + Channel)]
    [InlineData("https://www.reddit.com/r/dotnet/", "https://www.reddit.com/r/dotnet/.rss")]
    [InlineData("https://old.reddit.com/r/dotnet/new/", "https://www.reddit.com/r/dotnet/new/.rss")]
    [InlineData("https://www.reddit.com/r/dotnet/comments/1abcde/some_title/", "https://www.reddit.com/r/dotnet/comments/1abcde/.rss")]
    [InlineData("https://www.reddit.com/user/spez", "https://www.reddit.com/user/spez/.rss")]
    [InlineData("r/dotnet", "https://www.reddit.com/r/dotnet/.rss")]
    [InlineData("/r/dotnet", "https://www.reddit.com/r/dotnet/.rss")]
    [InlineData("u/spez", "https://www.reddit.com/user/spez/.rss")]
    [InlineData("dotnet/runtime", "https://github.com/dotnet/runtime/releases.atom")]
    [InlineData("https://github.com/dotnet/runtime", "https://github.com/dotnet/runtime/releases.atom")]
    [InlineData("https://github.com/dotnet/runtime.git", "https://github.com/dotnet/runtime/releases.atom")]
    [InlineData("https://github.com/dotnet/runtime/tags", "https://github.com/dotnet/runtime/tags.atom")]
    [InlineData("https://github.com/dotnet/runtime/commits/main", "https://github.com/dotnet/runtime/commits/main.atom")]
    [InlineData("https://github.com/torvalds", "https://github.com/torvalds.atom")]
    [InlineData("@Gargron@mastodon.social", "https://mastodon.social/@Gargron.rss")]
    [InlineData("Gargron@Mastodon.Social", "https://mastodon.social/@Gargron.rss")]
    [InlineData("jay.bsky.social", "https://bsky.app/profile/jay.bsky.social/rss")]
    [InlineData("https://bsky.app/profile/jay.bsky.team", "https://bsky.app/profile/jay.bsky.team/rss")]
    [InlineData("https://example.com/feed.xml", "https://example.com/feed.xml")]
    [InlineData("https://example.com/blog/feed/", "https://example.com/blog/feed/")]
    [InlineData("example.com/index.rss", "https://example.com/index.rss")]
    public void Resolve_KnownForm_ReturnsFeedUrl(string input, string feed)
    {
        var result = Resolver.Resolve(input);

        Assert.True(result.IsResolved, result.ErrorMessage);
        Assert.Equal(feed, result.FeedUrl!.ToString());
        Assert.Null(result.ErrorCode);
    }

    [Theory]
    [InlineData("https://www.youtube.com/channel/" + Channel, SourceKind.YouTube)]
    [InlineData("r/dotnet", SourceKind.Reddit)]
    [InlineData("dotnet/runtime", SourceKind.GitHub)]
    [InlineData("@Gargron@mastodon.social", SourceKind.Mastodon)]
    [InlineData("jay.bsky.social", SourceKind.Bluesky)]
    [InlineData("https://example.com/feed.xml", SourceKind.Feed)]
    [InlineData("https://example.com/feed.json", SourceKind.JsonFeed)]
    [InlineData("https://example.com/blog", SourceKind.WebPage)]
    public void Resolve_WithoutKind_RecognisesKind(string input, SourceKind kind) =>
        Assert.Equal(kind, Resolver.Resolve(input).Kind);

    [Theory]
    [InlineData("https://www.youtube.com/@mkbhd", "https://www.youtube.com/@mkbhd")]
    [InlineData("https://youtu.be/dQw4w9WgXcQ", "https://www.youtube.com/watch?v=dQw4w9WgXcQ")]
    [InlineData("https://www.youtube.com/c/LinusTechTips", "https://www.youtube.com/c/LinusTechTips")]
    public void Resolve_YouTubePageWithoutId_NeedsDiscovery(string input, string page)
    {
        var result = Resolver.Resolve(input);

        Assert.True(result.NeedsDiscovery);
        Assert.Equal(SourceKind.YouTube, result.Kind);
        Assert.Equal(page, result.DiscoveryUrl!.ToString());
    }

    [Theory]
    [InlineData("@mkbhd", SourceKind.YouTube, null, "https://www.youtube.com/@mkbhd")]
    [InlineData(Channel, SourceKind.YouTube, "https://www.youtube.com/feeds/videos.xml?channel_id=" + Channel, null)]
    [InlineData("@jay.bsky.social", SourceKind.Bluesky, "https://bsky.app/profile/jay.bsky.social/rss", null)]
    [InlineData("did:plc:z72i7hdynmk6r22z27h6tvur", SourceKind.Bluesky, "https://bsky.app/profile/did:plc:z72i7hdynmk6r22z27h6tvur/rss", null)]
    [InlineData("https://fosstodon.org/@someone", SourceKind.Mastodon, "https://fosstodon.org/@someone.rss", null)]
    [InlineData("dotnet/runtime", SourceKind.GitHub, "https://github.com/dotnet/runtime/releases.atom", null)]
    [InlineData("https://example.com/blog", SourceKind.Feed, "https://example.com/blog", null)]
    [InlineData("https://example.com/feed.xml", SourceKind.WebPage, null, "https://example.com/feed.xml")]
    public void Resolve_WithKind_UsesThatKind(string input, SourceKind kind, string? feed, string? page)
    {
        var result = Resolver.Resolve(input, kind);

        Assert.Null(result.ErrorCode);
        Assert.Equal(feed, result.FeedUrl?.ToString());
        Assert.Equal(page, result.DiscoveryUrl?.ToString());
    }

    [Theory]
    [InlineData(GitHubFeedKind.Tags, "https://github.com/dotnet/runtime/tags.atom")]
    [InlineData(GitHubFeedKind.Commits, "https://github.com/dotnet/runtime/commits.atom")]
    public void Resolve_GitHubFeedOption_PicksVariant(GitHubFeedKind variant, string feed)
    {
        var resolver = new SourceResolver(new SourceResolverOptions { GitHubFeed = variant });

        Assert.Equal(feed, resolver.Resolve("dotnet/runtime").FeedUrl!.ToString());
    }

    [Theory]
    [InlineData("@jack", "https://nitter.example/{handle}/rss", "https://nitter.example/jack/rss")]
    [InlineData("https://x.com/jack", "https://nitter.example/{handle}/rss", "https://nitter.example/jack/rss")]
    [InlineData("https://twitter.com/jack/status/20", "https://bridge.example/?bridge=TwitterBridge&u={handle}&format=Atom", "https://bridge.example/?bridge=TwitterBridge&u=jack&format=Atom")]
    public void Resolve_TwitterWithBridge_FillsTemplate(string input, string template, string feed)
    {
        var resolver = new SourceResolver(new SourceResolverOptions { TwitterBridgeUrlTemplate = template });

        var result = resolver.Resolve(input, SourceKind.Twitter);

        Assert.Equal(feed, result.FeedUrl!.ToString());
    }

    [Fact]
    public void Resolve_TwitterUrlWithoutBridge_FailsNotConfigured()
    {
        var result = Resolver.Resolve("https://x.com/jack");

        Assert.Equal(SourceKind.Twitter, result.Kind);
        Assert.Equal(SourceErrorCodes.TwitterBridgeNotConfigured, result.ErrorCode);
        Assert.Contains("TwitterBridgeUrlTemplate", result.ErrorMessage);
    }

    [Fact]
    public void Resolve_TwitterBridgeWithoutPlaceholder_FailsBridgeInvalid()
    {
        var resolver = new SourceResolver(new SourceResolverOptions { TwitterBridgeUrlTemplate = "https://nitter.example/rss" });

        Assert.Equal(SourceErrorCodes.TwitterBridgeInvalid, resolver.Resolve("jack", SourceKind.Twitter).ErrorCode);
    }

    [Theory]
    [InlineData("", SourceErrorCodes.Empty)]
    [InlineData("   ", SourceErrorCodes.Empty)]
    [InlineData("ftp://example.com/feed", SourceErrorCodes.UnsupportedScheme)]
    [InlineData("@someone", SourceErrorCodes.AmbiguousHandle)]
    [InlineData("just some words", SourceErrorCodes.Unrecognized)]
    [InlineData("https://www.youtube.com/channel/UCshort", SourceErrorCodes.YouTubeInvalid)]
    [InlineData("https://www.youtube.com/results?search_query=x", SourceErrorCodes.YouTubeInvalid)]
    [InlineData("r/a", SourceErrorCodes.RedditInvalid)]
    [InlineData("https://www.reddit.com/r/no-dashes-allowed", SourceErrorCodes.RedditInvalid)]
    [InlineData("https://www.reddit.com/", SourceErrorCodes.RedditInvalid)]
    [InlineData("https://github.com/-bad/repo", SourceErrorCodes.GitHubInvalid)]
    [InlineData("https://github.com/", SourceErrorCodes.GitHubInvalid)]
    [InlineData("https://bsky.app/search", SourceErrorCodes.BlueskyInvalid)]
    [InlineData("https://x.com/home", SourceErrorCodes.TwitterInvalid)]
    public void Resolve_BadInput_FailsWithCode(string input, string code)
    {
        var result = Resolver.Resolve(input);

        Assert.Equal(code, result.ErrorCode);
        Assert.False(result.IsResolved);
        Assert.False(result.NeedsDiscovery);
        Assert.StartsWith("source:", result.ErrorMessage);
    }

    [Theory]
    [InlineData("not a handle", SourceKind.Mastodon, SourceErrorCodes.MastodonInvalid)]
    [InlineData("https://mastodon.social/about", SourceKind.Mastodon, SourceErrorCodes.MastodonInvalid)]
    [InlineData("no spaces allowed", SourceKind.Bluesky, SourceErrorCodes.BlueskyInvalid)]
    [InlineData("way_too_long_for_twitter", SourceKind.Twitter, SourceErrorCodes.TwitterInvalid)]
    [InlineData("not/a/repo/at/all", SourceKind.GitHub, SourceErrorCodes.GitHubInvalid)]
    [InlineData("!!", SourceKind.YouTube, SourceErrorCodes.YouTubeInvalid)]
    [InlineData("dotnet", SourceKind.Reddit, SourceErrorCodes.RedditInvalid)]
    [InlineData("not a url", SourceKind.Feed, SourceErrorCodes.Unrecognized)]
    public void Resolve_BadInputForKind_FailsWithKindCode(string input, SourceKind kind, string code)
    {
        var result = Resolver.Resolve(input, kind);

        Assert.Equal(code, result.ErrorCode);
        Assert.Equal(kind, result.Kind);
    }
}
