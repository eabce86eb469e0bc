namespace Rota.Crawler.Fetching;

/// <summary>The stable error codes of <see cref="FeedFetcher"/> (<see cref="FetchResult.ErrorCode"/>). Whether a code
/// is transient is fixed per code, except where noted.</summary>
public static class FetchErrorCodes
{
    /// <summary>The URL is not absolute http(s). Permanent.</summary>
    public const string InvalidUrl = "fetch.invalid_url";
    /// <summary>The host resolves only to addresses the SSRF guard refuses (first request or a redirect). Permanent.</summary>
    public const string BlockedAddress = "fetch.blocked_address";
    /// <summary>The host name does not resolve. Transient (DNS outages are common and short).</summary>
    public const string Dns = "fetch.dns";
    /// <summary>Connection refused, reset or closed mid-response. Transient.</summary>
    public const string Connection = "fetch.connection";
    /// <summary>TLS handshake or certificate failure. Permanent until someone fixes the certificate.</summary>
    public const string Tls = "fetch.tls";
    /// <summary>The connect timeout or the total timeout elapsed. Transient.</summary>
    public const string Timeout = "fetch.timeout";
    /// <summary>The body exceeded <see cref="FetchOptions.MaxBodyBytes"/> (after decompression). Permanent.</summary>
    public const string TooLarge = "fetch.too_large";
    /// <summary>More than <see cref="FetchOptions.MaxRedirects"/> redirects. Permanent.</summary>
    public const string TooManyRedirects = "fetch.too_many_redirects";
    /// <summary>A redirect points back to a URL already visited in this fetch. Permanent.</summary>
    public const string RedirectLoop = "fetch.redirect_loop";
    /// <summary>A redirect without Location, to a non-http(s) scheme, or from https down to http. Permanent.</summary>
    public const string BadRedirect = "fetch.bad_redirect";
    /// <summary>410 Gone. Permanent: the caller disables the source.</summary>
    public const string Gone = "fetch.gone";
    /// <summary>404. Permanent, but callers usually tolerate a few before giving up (sites break and heal).</summary>
    public const string NotFound = "fetch.not_found";
    /// <summary>429 Too Many Requests. Transient; see <see cref="FetchResult.RetryAfter"/>.</summary>
    public const string RateLimited = "fetch.rate_limited";
    /// <summary>503 Service Unavailable. Transient; see <see cref="FetchResult.RetryAfter"/>.</summary>
    public const string Unavailable = "fetch.unavailable";
    /// <summary>Other 5xx. Transient.</summary>
    public const string ServerError = "fetch.server_error";
    /// <summary>Other 4xx (401, 403, 451 …). Permanent.</summary>
    public const string ClientError = "fetch.client_error";
    /// <summary>A status outside 2xx–5xx that is not a redirect we follow (1xx, 300, 305 …). Permanent.</summary>
    public const string UnexpectedStatus = "fetch.unexpected_status";
    /// <summary>The body could not be decompressed (corrupt gzip/deflate/brotli). Permanent.</summary>
    public const string BadEncoding = "fetch.bad_content_encoding";
    /// <summary>Any other transport failure. Transient.</summary>
    public const string Failed = "fetch.failed";
}
