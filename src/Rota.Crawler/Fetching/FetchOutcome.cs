namespace Rota.Crawler.Fetching;

/// <summary>What a fetch means for the source, independent of the exact status code.</summary>
public enum FetchOutcome
{
    /// <summary>2xx: the body is in <see cref="FetchResult.Body"/>.</summary>
    Ok,
    /// <summary>304: the stored copy is current (conditional GET).</summary>
    NotModified,
    /// <summary>410: the feed is gone for good; the caller disables the source.</summary>
    Gone,
    /// <summary>429 or 503: the server asked us to come back later (<see cref="FetchResult.RetryAfter"/>).</summary>
    RetryLater,
    /// <summary>Anything else; <see cref="FetchResult.ErrorCode"/> and <see cref="FetchResult.IsTransient"/> say why.</summary>
    Failed,
}
