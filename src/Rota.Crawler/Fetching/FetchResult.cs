namespace Rota.Crawler.Fetching;

/// <summary>The outcome of one <see cref="FeedFetcher.FetchAsync"/>: never thrown, always returned (only the caller's
/// own cancellation throws).</summary>
public sealed record FetchResult
{
    public required FetchOutcome Outcome { get; init; }

    /// <summary>The final response's status; 0 when no response arrived.</summary>
    public int StatusCode { get; init; }

    /// <summary>The URL that produced the final response (after redirects).</summary>
    public required Uri FinalUrl { get; init; }

    /// <summary>Set when every redirect was 301/308 and the fetch succeeded (Ok or NotModified): the caller should
    /// store this URL instead of the requested one. Null when there was no redirect or any hop was 302/303/307.</summary>
    public Uri? PermanentUrl { get; init; }

    /// <summary>Every redirect hop followed, in order.</summary>
    public IReadOnlyList<FetchRedirect> Redirects { get; init; } = [];

    /// <summary>The decompressed body on <see cref="FetchOutcome.Ok"/>; empty otherwise.</summary>
    public byte[] Body { get; init; } = [];

    public string? ContentType { get; init; }

    /// <summary>The validator to send next time. On 304 without one, the ETag sent is kept.</summary>
    public string? ETag { get; init; }

    /// <summary>Last-Modified exactly as the server sent it (echoed back verbatim as If-Modified-Since).</summary>
    public string? LastModified { get; init; }

    /// <summary>The earliest time to try again, from Retry-After (delta seconds or HTTP date); null when absent.</summary>
    public DateTimeOffset? RetryAfter { get; init; }

    /// <summary>A <see cref="FetchErrorCodes"/> constant when the outcome is not Ok/NotModified.</summary>
    public string? ErrorCode { get; init; }

    /// <summary>Human-readable reason, starting with <c>fetch:</c> and naming the URL.</summary>
    public string? ErrorMessage { get; init; }

    /// <summary>True when retrying the same fetch later may succeed.</summary>
    public bool IsTransient { get; init; }

    /// <summary>From the first request to the end of the body, measured with the injected TimeProvider.</summary>
    public TimeSpan Duration { get; init; }

    /// <summary>Decompressed body bytes read (up to the cap, even when the fetch failed as too large).</summary>
    public long BytesRead { get; init; }

    public bool IsSuccess => Outcome is FetchOutcome.Ok or FetchOutcome.NotModified;
}
