using Rota.Crawler.Discovery;
using Rota.Crawler.Fetching;
using Rota.Crawler.Sources;
using Rota.Server.Dashboard.Models;

namespace Rota.Server.Dashboard;

/// <summary>The discovery step before adding a source: resolves what the user typed with <see cref="SourceResolver"/> and
/// fetches the result with <see cref="FeedDiscoverer"/> (a feed shows its title; a web page its advertised feeds, then
/// common paths) — the same services <see cref="SourceRegistrar"/> uses when the source is then added. Nothing is stored.</summary>
public sealed class SourcePreviewer(FeedFetcher fetcher)
{
    private readonly SourceResolver _resolver = new();

    public async Task<SourcePreview> PreviewAsync(string input, SourceKind? kind, CancellationToken ct)
    {
        var resolution = _resolver.Resolve(input, kind);
        if (resolution.ErrorCode is not null) return new SourcePreview(input, kind, [], null, resolution.ErrorMessage);
        var discoverer = new FeedDiscoverer(fetcher);
        if (resolution.FeedUrl is { } feed)
        {
            var read = await discoverer.DiscoverAsync(feed, probeGuesses: false, ct);
            return read.IsFeed
                ? new SourcePreview(input, resolution.Kind, read.Candidates, null, null)
                : new SourcePreview(input, resolution.Kind, [new FeedCandidate(feed, null, null)], null, null,
                    $"The feed could not be read just now ({read.Fetch.ErrorMessage ?? "it did not parse as a feed"}); it can still be added and is retried on each crawl.");
        }
        var page = resolution.DiscoveryUrl!;
        var found = await discoverer.DiscoverAsync(page, probeGuesses: true, ct);
        if (found.Candidates.Count == 0)
            return new SourcePreview(input, resolution.Kind, [], page,
                found.Fetch.ErrorMessage ?? $"No feed found at {page}: the page names none and none of the common paths (/feed, /rss …) is a feed.");
        return new SourcePreview(input, resolution.Kind, found.Candidates, found.Candidates[0].Url == page && found.IsFeed ? null : page, null);
    }
}
