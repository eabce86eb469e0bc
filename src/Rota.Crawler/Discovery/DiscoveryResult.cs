using Rota.Crawler.Fetching;

namespace Rota.Crawler.Discovery;

/// <summary>What <see cref="FeedDiscoverer.DiscoverAsync"/> found for a URL.</summary>
public sealed record DiscoveryResult
{
    /// <summary>The fetch of the page (or of the first guess that turned out to be a feed, when probing).</summary>
    public required FetchResult Fetch { get; init; }

    /// <summary>True when the URL itself is a feed; <see cref="Candidates"/> then holds just that URL.</summary>
    public bool IsFeed { get; init; }

    /// <summary>Feeds the page advertises (or the page itself, or the probed guess), best first.</summary>
    public IReadOnlyList<FeedCandidate> Candidates { get; init; } = [];

    /// <summary>Common feed paths on the page's site, offered only when <see cref="Candidates"/> is empty.</summary>
    public IReadOnlyList<FeedCandidate> Guesses { get; init; } = [];

    /// <summary>The fetch's error code; <c>discovery.none_found</c> when the page was read but names no feed; else null.</summary>
    public string? ErrorCode => Fetch.ErrorCode ?? (Candidates.Count == 0 ? FeedDiscoverer.NoneFound : null);
}
