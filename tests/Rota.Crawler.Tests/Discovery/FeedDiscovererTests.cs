using Rota.Crawler.Discovery;
using Rota.Crawler.Fetching;
using Rota.Crawler.Tests.Fetching;
using Rota.TestSupport;

namespace Rota.Crawler.Tests.Discovery;

public sealed class FeedDiscovererTests
{
    private const string Rss = "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>My feed</title><link>https://blog.example/</link></channel></rss>";
    private const string Channel = "UCuAXFkgsw1L7xaCfnd5JJOw";

    private static byte[] Html(string name) => File.ReadAllBytes(Fixture.Path(Path.Combine("discovery", name)));

    [Fact]
    public void FindInHtml_SeveralLinks_ReturnsFeedsResolvedInOrderWithoutDuplicates()
    {
        var found = FeedDiscoverer.FindInHtml(Html("blog.html"), new Uri("https://blog.example/posts/hello"));

        Assert.Equal(
            [
                ("https://blog.example/feed.xml", "Posts (RSS)", "application/rss+xml"),
                ("https://blog.example/posts/atom.xml", "Posts (Atom)", "application/atom+xml"),
                ("https://blog.example/feed.json", "Posts (JSON)", "application/feed+json"),
                ("https://blog.example/comments/feed/", "Comments", "application/rss+xml"),
            ],
            found.Select(c => (c.Url.ToString(), c.Title, c.MediaType)));
        Assert.All(found, c => Assert.False(c.IsGuess));
    }

    [Fact]
    public void FindInHtml_BaseHref_ResolvesAgainstBase()
    {
        var found = FeedDiscoverer.FindInHtml(Html("base-href.html"), new Uri("https://example.com/page"));

        Assert.Equal("https://cdn.example/site/news/atom", Assert.Single(found).Url.ToString());
        Assert.Null(found[0].Title);
    }

    [Fact]
    public void FindInHtml_NoFeedLinks_ReturnsEmpty() =>
        Assert.Empty(FeedDiscoverer.FindInHtml(Html("no-feeds.html"), new Uri("https://example.com/")));

    [Fact]
    public void FindInHtml_YouTubeHandlePage_ReturnsCanonicalChannelFeed()
    {
        var found = FeedDiscoverer.FindInHtml(Html("youtube-handle.html"), new Uri("https://www.youtube.com/@somechannel"));

        Assert.Equal($"https://www.youtube.com/feeds/videos.xml?channel_id={Channel}", Assert.Single(found).Url.ToString());
    }

    [Fact]
    public void FindInHtml_YouTubeScriptOnly_ReadsChannelIdFromScript()
    {
        var found = FeedDiscoverer.FindInHtml(Html("youtube-script-only.html"), new Uri("https://www.youtube.com/watch?v=dQw4w9WgXcQ"));

        Assert.Equal($"https://www.youtube.com/feeds/videos.xml?channel_id={Channel}", Assert.Single(found).Url.ToString());
    }

    [Fact]
    public void FindInHtml_ChannelIdOnOtherSite_IsIgnored() =>
        Assert.Empty(FeedDiscoverer.FindInHtml(Html("youtube-script-only.html"), new Uri("https://example.com/")));

    [Fact]
    public void CommonPaths_Page_ReturnsGuessesOnOrigin()
    {
        var guesses = FeedDiscoverer.CommonPaths(new Uri("https://example.com/blog/post?x=1"));

        Assert.Equal(["https://example.com/feed", "https://example.com/rss", "https://example.com/atom.xml", "https://example.com/feed.xml", "https://example.com/index.xml"],
            guesses.Select(g => g.Url.ToString()));
        Assert.All(guesses, g => Assert.True(g.IsGuess));
    }

    [Fact]
    public async Task DiscoverAsync_HtmlPage_ReturnsLinkedFeeds()
    {
        await using var server = await LoopbackHttpServer.StartAsync();
        server.MapBytes("/posts/hello", 200, Html("blog.html"), "text/html; charset=utf-8");
        using var fetcher = TestFetchers.Create();

        var result = await new FeedDiscoverer(fetcher).DiscoverAsync(new Uri(server.Url("/posts/hello")));

        Assert.False(result.IsFeed);
        Assert.Null(result.ErrorCode);
        Assert.Equal(4, result.Candidates.Count);
        Assert.Equal(server.Url("/feed.xml"), result.Candidates[0].Url.ToString());
        Assert.Empty(result.Guesses);
    }

    [Fact]
    public async Task DiscoverAsync_UrlIsFeed_ReturnsItself()
    {
        await using var server = await LoopbackHttpServer.StartAsync();
        server.MapText("/feed", 200, Rss, "application/rss+xml");
        using var fetcher = TestFetchers.Create();

        var result = await new FeedDiscoverer(fetcher).DiscoverAsync(new Uri(server.Url("/feed")));

        Assert.True(result.IsFeed);
        var self = Assert.Single(result.Candidates);
        Assert.Equal((server.Url("/feed"), "My feed", "application/rss+xml"), (self.Url.ToString(), self.Title, self.MediaType));
    }

    [Fact]
    public async Task DiscoverAsync_FeedServedAsHtml_StillRecognisesFeed()
    {
        await using var server = await LoopbackHttpServer.StartAsync();
        server.MapText("/feed", 200, Rss, "text/html");
        using var fetcher = TestFetchers.Create();

        var result = await new FeedDiscoverer(fetcher).DiscoverAsync(new Uri(server.Url("/feed")));

        Assert.True(result.IsFeed);
    }

    [Fact]
    public async Task DiscoverAsync_NoLinks_ReturnsGuessesAndNoneFound()
    {
        await using var server = await LoopbackHttpServer.StartAsync();
        server.MapBytes("/", 200, Html("no-feeds.html"), "text/html");
        using var fetcher = TestFetchers.Create();

        var result = await new FeedDiscoverer(fetcher).DiscoverAsync(new Uri(server.Url("/")));

        Assert.Empty(result.Candidates);
        Assert.Equal(FeedDiscoverer.NoneFound, result.ErrorCode);
        Assert.Equal(5, result.Guesses.Count);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task DiscoverAsync_ProbeGuesses_ReturnsFirstGuessThatIsAFeed()
    {
        await using var server = await LoopbackHttpServer.StartAsync();
        server.MapBytes("/", 200, Html("no-feeds.html"), "text/html");
        server.MapText("/rss", 200, "<html><body>not a feed</body></html>", "text/html");
        server.MapText("/feed.xml", 200, Rss, "application/xml");
        using var fetcher = TestFetchers.Create();

        var result = await new FeedDiscoverer(fetcher).DiscoverAsync(new Uri(server.Url("/")), probeGuesses: true);

        Assert.True(result.IsFeed);
        Assert.Equal(server.Url("/feed.xml"), Assert.Single(result.Candidates).Url.ToString());
        Assert.Null(result.ErrorCode);
    }

    [Fact]
    public async Task DiscoverAsync_PageFails_ReturnsFetchError()
    {
        await using var server = await LoopbackHttpServer.StartAsync();
        using var fetcher = TestFetchers.Create();

        var result = await new FeedDiscoverer(fetcher).DiscoverAsync(new Uri(server.Url("/missing")));

        Assert.Equal(FetchErrorCodes.NotFound, result.ErrorCode);
        Assert.Empty(result.Candidates);
    }
}
