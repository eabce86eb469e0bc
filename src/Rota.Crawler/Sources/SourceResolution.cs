namespace Rota.Crawler.Sources;

/// <summary>
/// What <see cref="SourceResolver"/> made of an input: a feed URL to fetch (<see cref="IsResolved"/>), a page that
/// must be fetched and searched first (<see cref="NeedsDiscovery"/>, e.g. a YouTube @handle), or an error with a
/// <see cref="SourceErrorCodes"/> code.
/// </summary>
public sealed record SourceResolution
{
    /// <summary>The kind the input was recognised as; null when it was not recognised at all.</summary>
    public SourceKind? Kind { get; init; }

    /// <summary>The feed URL to fetch.</summary>
    public Uri? FeedUrl { get; init; }

    /// <summary>The page to fetch and run feed discovery on, when the feed URL cannot be known offline.</summary>
    public Uri? DiscoveryUrl { get; init; }

    public string? ErrorCode { get; init; }

    /// <summary>Starts with <c>source:</c> and quotes the input.</summary>
    public string? ErrorMessage { get; init; }

    public bool IsResolved => FeedUrl is not null;

    public bool NeedsDiscovery => FeedUrl is null && DiscoveryUrl is not null;

    public static SourceResolution Feed(SourceKind kind, string url) => new() { Kind = kind, FeedUrl = new Uri(url) };

    public static SourceResolution Discover(SourceKind kind, string url) => new() { Kind = kind, DiscoveryUrl = new Uri(url) };

    public static SourceResolution Error(SourceKind? kind, string code, string message) =>
        new() { Kind = kind, ErrorCode = code, ErrorMessage = message };
}
