namespace Rota.Crawler.Sources;

/// <summary>Choices for <see cref="SourceResolver"/>. Every property documents its default.</summary>
public sealed record SourceResolverOptions
{
    /// <summary>The feed used for a bare GitHub repository (<c>owner/repo</c> or its URL). Default
    /// <see cref="GitHubFeedKind.Releases"/>. URLs that name a feed (…/tags, …/commits) win over this.</summary>
    public GitHubFeedKind GitHubFeed { get; init; } = GitHubFeedKind.Releases;

    /// <summary>
    /// Twitter/X has no public feeds and its API needs a paid key, so accounts are read through an RSS bridge you run
    /// or trust. The template is an absolute http(s) URL in which <c>{handle}</c> is replaced by the URL-escaped
    /// account name, e.g. Nitter <c>https://nitter.example/{handle}/rss</c> or RSS-Bridge
    /// <c>https://bridge.example/?action=display&amp;bridge=TwitterBridge&amp;context=By+username&amp;u={handle}&amp;format=Atom</c>.
    /// Default null: Twitter sources fail with <c>source.twitter_bridge_not_configured</c>.
    /// </summary>
    public string? TwitterBridgeUrlTemplate { get; init; }

    public static SourceResolverOptions Default { get; } = new();
}
