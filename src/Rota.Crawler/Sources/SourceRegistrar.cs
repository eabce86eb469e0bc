using Rota.Crawler.Crawling;
using Rota.Crawler.Discovery;
using Rota.Crawler.Fetching;
using Rota.Crawler.Opml;
using Rota.Storage;

namespace Rota.Crawler.Sources;

/// <summary>
/// Adds sources for an owner: what the user typed goes through <see cref="SourceResolver"/>; a web page (or a YouTube
/// handle) goes through <see cref="FeedDiscoverer"/> (advertised feeds, then common paths) to find its feed. Sources
/// are deduplicated per owner by <see cref="UrlNormalizer"/> key of the feed URL.
/// </summary>
public sealed class SourceRegistrar(IRotaStore store, FeedFetcher fetcher, CrawlerOptions options, TimeProvider time, SourceResolverOptions? resolverOptions = null)
{
    private readonly SourceResolver _resolver = new(resolverOptions);

    public async Task<SourceAddResult> AddAsync(string input, SourceKind? kind = null, string? name = null, string? owner = null, CancellationToken ct = default)
    {
        var resolution = _resolver.Resolve(input, kind);
        if (resolution.ErrorCode is { } code) throw new RotaException(code, resolution.ErrorMessage!, isTransient: false);
        var feedUrl = resolution.FeedUrl;
        var resolvedKind = resolution.Kind ?? SourceKind.Feed;
        string? discoveredFrom = null;
        string? title = null;
        if (feedUrl is null && resolution.DiscoveryUrl is { } page)
        {
            var found = await new FeedDiscoverer(fetcher).DiscoverAsync(page, probeGuesses: true, ct).ConfigureAwait(false);
            if (found.Candidates.Count == 0)
                throw new RotaException(found.ErrorCode ?? FeedDiscoverer.NoneFound,
                    found.Fetch.ErrorMessage ?? $"source: no feed found at {page} (no <link rel=\"alternate\"> and none of the common paths)", found.Fetch.IsTransient);
            feedUrl = found.Candidates[0].Url;
            title = found.Candidates[0].Title;
            if (found.IsFeed && resolvedKind == SourceKind.WebPage) resolvedKind = SourceKind.Feed;
            // A page that is itself the feed was not "discovered"; an advertised or probed feed elsewhere was.
            if (UrlNormalizer.Normalize(feedUrl) != UrlNormalizer.Normalize(page)) discoveredFrom = page.ToString();
        }
        var who = owner ?? options.DefaultOwner;
        var normalized = UrlNormalizer.Normalize(feedUrl!);
        var existing = (await store.SourceList(new SourceListParams(who), ct).ConfigureAwait(false)).FirstOrDefault(s => s.NormalizedUrl == normalized);
        if (existing is not null) return new SourceAddResult(existing, false, discoveredFrom);
        var row = await store.SourceUpsert(new SourceUpsertParams(who, name ?? title ?? DefaultName(feedUrl!), KindText(resolvedKind), input.Trim(),
            feedUrl!.ToString(), normalized, (int)options.DefaultPollInterval.TotalSeconds, time.GetUtcNow(),
            discoveredFrom is null ? null : new System.Text.Json.Nodes.JsonObject { ["discovered_from"] = discoveredFrom }), ct).ConfigureAwait(false);
        return new SourceAddResult(row, true, discoveredFrom);
    }

    /// <summary>Adds every feed of an OPML list that the owner does not have yet (no network access).</summary>
    public async Task<OpmlImportResult> ImportOpmlAsync(Stream opml, string? owner = null, CancellationToken ct = default)
    {
        var who = owner ?? options.DefaultOwner;
        var known = (await store.SourceList(new SourceListParams(who), ct).ConfigureAwait(false)).Select(s => s.NormalizedUrl).ToHashSet(StringComparer.Ordinal);
        int added = 0, existing = 0;
        var invalid = new List<string>();
        foreach (var o in OpmlDocument.Read(opml))
        {
            if (!UrlNormalizer.TryNormalize(o.XmlUrl, out var normalized))
            {
                invalid.Add($"opml: '{o.XmlUrl}' ({o.Title}) is not an http(s) URL");
                continue;
            }
            if (!known.Add(normalized)) { existing++; continue; }
            var kind = o.XmlUrl.EndsWith(".json", StringComparison.OrdinalIgnoreCase) ? SourceKind.JsonFeed : SourceKind.Feed;
            var metadata = new System.Text.Json.Nodes.JsonObject { ["category"] = o.Category, ["html_url"] = o.HtmlUrl, ["imported_from"] = "opml" };
            await store.SourceUpsert(new SourceUpsertParams(who, o.Title ?? DefaultName(new Uri(o.XmlUrl)), KindText(kind), o.XmlUrl, new Uri(o.XmlUrl).ToString(),
                normalized, (int)options.DefaultPollInterval.TotalSeconds, time.GetUtcNow(), metadata), ct).ConfigureAwait(false);
            added++;
        }
        return new OpmlImportResult(added, existing, invalid);
    }

    /// <summary>The owner's sources (every owner's when null) as OPML outlines, grouped by their imported category.</summary>
    public async Task<IReadOnlyList<OpmlOutline>> ExportOpmlAsync(string? owner, CancellationToken ct = default) =>
        [.. (await store.SourceList(new SourceListParams(owner), ct).ConfigureAwait(false)).Select(s => new OpmlOutline(s.Url, s.Name,
            s.Metadata?["html_url"]?.GetValue<string>(), s.Metadata?["category"]?.GetValue<string>()))];

    /// <summary>The stored word for a kind: <c>feed</c>, <c>json_feed</c>, <c>web_page</c>, <c>youtube</c> …</summary>
    public static string KindText(SourceKind kind) => kind switch
    {
        SourceKind.JsonFeed => "json_feed",
        SourceKind.WebPage => "web_page",
        SourceKind.GitHub => "github",
        SourceKind.YouTube => "youtube",
        _ => kind.ToString().ToLowerInvariant(),
    };

    private static string DefaultName(Uri url) => url.Host + url.AbsolutePath.TrimEnd('/');
}
