using Rota.Net;

namespace Rota.Crawler.Fetching;

/// <summary>
/// Fetches feeds and pages over HTTP(S) politely and safely: every connection goes through the SSRF guard
/// (<see cref="GuardedHttpHandlerFactory"/>, re-vetted on each redirect hop), conditional GET, gzip/deflate/brotli,
/// a body cap, connect and total timeouts, redirects followed by hand, per-host throttling and an identifying
/// User-Agent. Failures are returned as <see cref="FetchResult"/>s with a <see cref="FetchErrorCodes"/> code; only
/// the caller's own cancellation throws. Create one per process (it owns a pooled connection handler).
/// </summary>
public sealed class FeedFetcher : IDisposable
{
    private readonly HttpClient _client;
    private readonly FetchOptions _options;
    private readonly TimeProvider _time;
    private readonly HostThrottle _throttle;

    /// <param name="guard">Which addresses may be reached; <see cref="OutboundAddressGuard.PublicOnly"/> in production.</param>
    /// <param name="time">Clock for durations, timeouts, Retry-After and the throttle.</param>
    /// <param name="options">Limits; <see cref="FetchOptions.Default"/> when null.</param>
    /// <param name="throttle">Shared per-host limiter; a private one built from <paramref name="options"/> when null.</param>
    public FeedFetcher(OutboundAddressGuard guard, TimeProvider time, FetchOptions? options = null, HostThrottle? throttle = null)
    {
        _options = options ?? FetchOptions.Default;
        if (_options.Validate() is { Count: > 0 } errors) throw new ArgumentException(string.Join("; ", errors), nameof(options));
        _time = time;
        _throttle = throttle ?? new HostThrottle(_options, time);
        var handler = GuardedHttpHandlerFactory.Create(guard);
        handler.ConnectTimeout = _options.ConnectTimeout;
        // The total timeout is ours (it must pause during throttle waits), so the client's is off.
        _client = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
    }

    public FetchOptions Options => _options;

    /// <summary>GETs <paramref name="url"/>, sending the stored validators for a conditional request.</summary>
    /// <param name="etag">The ETag stored from the last fetch (sent as If-None-Match), or null.</param>
    /// <param name="lastModified">The Last-Modified stored from the last fetch (sent verbatim as If-Modified-Since), or null.</param>
    public Task<FetchResult> FetchAsync(Uri url, string? etag = null, string? lastModified = null, CancellationToken ct = default) =>
        FetchAsync(url, null, etag, lastModified, ct);

    /// <summary>As <see cref="FetchAsync(Uri, string?, string?, CancellationToken)"/>, presenting as <paramref name="identity"/>
    /// (a source's own User-Agent and extra headers; null: the fetcher's defaults).</summary>
    public async Task<FetchResult> FetchAsync(Uri url, FetchIdentity? identity, string? etag = null, string? lastModified = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(url);
        var started = _time.GetTimestamp();
        var redirects = new List<FetchRedirect>();
        var current = url;
        if (!IsHttp(url))
            return Fail(url, redirects, started, FetchErrorCodes.InvalidUrl, $"fetch: '{url}' is not an absolute http(s) URL", false);

        using var timeout = new CancellationTokenSource(Timeout.InfiniteTimeSpan, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, timeout.Token);
        var budget = new TimeoutBudget(_options.TotalTimeout, timeout, _time);
        var visited = new HashSet<string>(StringComparer.Ordinal) { url.AbsoluteUri };
        try
        {
            while (true)
            {
                using var lease = await budget.PausedAsync(() => _throttle.AcquireAsync(current.IdnHost, ct)).ConfigureAwait(false);
                using var request = BuildRequest(current, identity, etag, lastModified);
                using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token).ConfigureAwait(false);
                var status = (int)response.StatusCode;
                if (status is not (301 or 302 or 303 or 307 or 308))
                {
                    var template = new FetchResult { Outcome = FetchOutcome.Failed, FinalUrl = current, Redirects = redirects };
                    var result = await FetchResponseReader.ReadAsync(response, template, etag, lastModified, _options.MaxBodyBytes, _time, linked.Token).ConfigureAwait(false);
                    return result with { PermanentUrl = PermanentUrl(result, redirects), Duration = _time.GetElapsedTime(started) };
                }
                if (response.Headers.Location is not { } location)
                    return Fail(current, redirects, started, FetchErrorCodes.BadRedirect, $"fetch: {current} answered {status} without a Location header", false, status);
                var next = location.IsAbsoluteUri ? location : new Uri(current, location);
                redirects.Add(new FetchRedirect(status, current, next));
                if (redirects.Count > _options.MaxRedirects)
                    return Fail(current, redirects, started, FetchErrorCodes.TooManyRedirects, $"fetch: {url} redirected more than {_options.MaxRedirects} times (last to {next})", false, status);
                if (!IsHttp(next) || (current.Scheme == Uri.UriSchemeHttps && next.Scheme == Uri.UriSchemeHttp))
                    return Fail(current, redirects, started, FetchErrorCodes.BadRedirect, $"fetch: {current} redirected to {next}, which is not allowed (only http/https, never from https to http)", false, status);
                if (!visited.Add(next.AbsoluteUri))
                    return Fail(current, redirects, started, FetchErrorCodes.RedirectLoop, $"fetch: {url} redirects in a loop (back to {next})", false, status);
                current = next;
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            var (code, message, transient) = FetchFailure.Classify(ex, current, timeout.IsCancellationRequested);
            return Fail(current, redirects, started, code, message, transient);
        }
    }

    public void Dispose() => _client.Dispose();

    private HttpRequestMessage BuildRequest(Uri url, FetchIdentity? identity, string? etag, string? lastModified)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.TryAddWithoutValidation("User-Agent", identity?.UserAgent ?? _options.UserAgent);
        // Rule headers were validated (no hop-by-hop, Host or validators) and follow the feed's host only, not a redirect elsewhere.
        if (identity is not null && identity.SendsHeadersTo(url))
            foreach (var (name, value) in identity.Headers) request.Headers.TryAddWithoutValidation(name, value);
        if (!request.Headers.Contains("Accept")) request.Headers.TryAddWithoutValidation("Accept", _options.Accept);
        // Sent verbatim: servers compare validators byte for byte, and some send non-standard ones.
        if (!string.IsNullOrEmpty(etag)) request.Headers.TryAddWithoutValidation("If-None-Match", etag);
        if (!string.IsNullOrEmpty(lastModified)) request.Headers.TryAddWithoutValidation("If-Modified-Since", lastModified);
        return request;
    }

    /// <summary>Only a chain made entirely of 301/308 moves the feed; one temporary hop means the old URL stays.</summary>
    private static Uri? PermanentUrl(FetchResult result, List<FetchRedirect> redirects) =>
        result.IsSuccess && redirects.Count > 0 && redirects.TrueForAll(r => r.IsPermanent) ? result.FinalUrl : null;

    private FetchResult Fail(Uri url, List<FetchRedirect> redirects, long started, string code, string message, bool transient, int status = 0) =>
        FetchResponseReader.Failed(
            new FetchResult { Outcome = FetchOutcome.Failed, FinalUrl = url, Redirects = redirects, StatusCode = status, Duration = _time.GetElapsedTime(started) },
            FetchOutcome.Failed, code, message, transient);

    private static bool IsHttp(Uri url) => url.IsAbsoluteUri && url.Scheme is "http" or "https";
}
