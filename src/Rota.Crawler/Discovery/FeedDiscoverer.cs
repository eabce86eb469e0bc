using System.Text;
using Rota.Crawler.Fetching;
using Rota.Crawler.Parsing;
using Rota.Crawler.Sources;

namespace Rota.Crawler.Discovery;

/// <summary>
/// Finds the feeds of a web page: <c>&lt;link rel="alternate"&gt;</c> with an RSS/Atom/RDF/JSON Feed type (relative
/// hrefs resolved), the channel feed of a YouTube page, or the URL itself when it already is a feed. When the page
/// names nothing, the common paths of its site (<see cref="CommonPaths"/>) are offered as guesses to probe.
/// </summary>
public sealed class FeedDiscoverer(FeedFetcher fetcher)
{
    /// <summary>The page was read but advertises no feed.</summary>
    public const string NoneFound = "discovery.none_found";

    private static readonly string[] FallbackPaths = ["/feed", "/rss", "/atom.xml", "/feed.xml", "/index.xml"];

    /// <summary>Feeds a page advertises, in document order, without duplicates (compared by normalized URL).</summary>
    public static IReadOnlyList<FeedCandidate> FindInHtml(byte[] html, Uri pageUrl)
    {
        ArgumentNullException.ThrowIfNull(html);
        var document = HtmlFeedLinks.Parse(html);
        var found = HtmlFeedLinks.Find(document, pageUrl);
        if (IsYouTube(pageUrl) && YouTubeChannelPage.FindChannelId(document, Encoding.UTF8.GetString(html)) is { } id)
        {
            var feed = new Uri(YouTubeChannelPage.FeedUrl(id));
            if (!found.Exists(c => UrlNormalizer.Normalize(c.Url) == UrlNormalizer.Normalize(feed)))
                found.Insert(0, new FeedCandidate(feed, null, "application/atom+xml"));
        }
        return found;
    }

    /// <summary>The paths many sites serve feeds at (/feed, /rss, /atom.xml, /feed.xml, /index.xml) on the page's
    /// origin, marked <see cref="FeedCandidate.IsGuess"/>: nothing says they exist, so probe before use.</summary>
    public static IReadOnlyList<FeedCandidate> CommonPaths(Uri pageUrl) =>
        [.. FallbackPaths.Select(p => new FeedCandidate(new Uri(pageUrl, p), null, null, IsGuess: true))];

    /// <summary>Fetches <paramref name="url"/> and reports its feeds. With <paramref name="probeGuesses"/>, a page that
    /// names none has its common paths fetched in order and the first one that parses as a feed is returned.</summary>
    public async Task<DiscoveryResult> DiscoverAsync(Uri url, bool probeGuesses = false, CancellationToken ct = default)
    {
        var fetch = await fetcher.FetchAsync(url, ct: ct).ConfigureAwait(false);
        if (fetch.Outcome != FetchOutcome.Ok) return new DiscoveryResult { Fetch = fetch };
        if (AsFeed(fetch) is { } self) return new DiscoveryResult { Fetch = fetch, IsFeed = true, Candidates = [self] };
        var found = FindInHtml(fetch.Body, fetch.FinalUrl);
        if (found.Count > 0) return new DiscoveryResult { Fetch = fetch, Candidates = found };
        var guesses = CommonPaths(fetch.FinalUrl);
        if (probeGuesses)
            foreach (var guess in guesses)
            {
                var probe = await fetcher.FetchAsync(guess.Url, ct: ct).ConfigureAwait(false);
                if (probe.Outcome == FetchOutcome.Ok && AsFeed(probe) is { } feed)
                    return new DiscoveryResult { Fetch = probe, IsFeed = true, Candidates = [feed] };
            }
        return new DiscoveryResult { Fetch = fetch, Guesses = guesses };
    }

    /// <summary>The fetched document as a candidate when it parses as a feed; null for HTML and anything else.</summary>
    private static FeedCandidate? AsFeed(FetchResult fetch)
    {
        var mediaType = fetch.ContentType?.Split(';')[0].Trim().ToLowerInvariant();
        if (mediaType is "text/html" or "application/xhtml+xml" && !StartsLikeFeed(fetch.Body)) return null;
        try
        {
            var document = FeedParser.Parse(fetch.Body, new FeedParseOptions { BaseUri = fetch.FinalUrl, ContentType = fetch.ContentType, SanitizeHtml = false });
            var type = document.Format switch
            {
                FeedFormat.JsonFeed10 or FeedFormat.JsonFeed11 => "application/feed+json",
                FeedFormat.Atom03 or FeedFormat.Atom10 => "application/atom+xml",
                FeedFormat.Rss10 => "application/rdf+xml",
                _ => "application/rss+xml",
            };
            return new FeedCandidate(fetch.FinalUrl, document.Feed.Title?.Value, type);
        }
        catch (FeedParseException)
        {
            return null;
        }
    }

    /// <summary>Some servers label feeds text/html; a root element of rss/feed/RDF near the start still gives them away.</summary>
    private static bool StartsLikeFeed(byte[] body)
    {
        var head = Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, 1024));
        return head.Contains("<rss", StringComparison.OrdinalIgnoreCase) || head.Contains("<feed", StringComparison.OrdinalIgnoreCase)
            || head.Contains("<rdf:RDF", StringComparison.OrdinalIgnoreCase);
    }

    private static bool IsYouTube(Uri url) => SourceResolver.BareHost(url) is "youtube.com" or "youtu.be";
}
