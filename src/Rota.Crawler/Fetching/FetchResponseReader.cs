namespace Rota.Crawler.Fetching;

/// <summary>Turns the final (non-redirect) response into a <see cref="FetchResult"/>: status mapping, validators,
/// Retry-After and the size-capped body read.</summary>
internal static class FetchResponseReader
{
    public static async Task<FetchResult> ReadAsync(
        HttpResponseMessage response, FetchResult template, string? sentETag, string? sentLastModified,
        long maxBytes, TimeProvider time, CancellationToken ct)
    {
        var status = (int)response.StatusCode;
        var url = template.FinalUrl;
        var result = template with
        {
            StatusCode = status,
            ContentType = response.Content.Headers.ContentType?.ToString(),
            ETag = response.Headers.ETag?.ToString(),
            LastModified = response.Content.Headers.TryGetValues("Last-Modified", out var lm) ? lm.FirstOrDefault() : null,
        };
        switch (status)
        {
            case >= 200 and < 300:
                return await ReadBodyAsync(response, result, maxBytes, ct).ConfigureAwait(false);
            case 304:
                // A 304 need not repeat the validators; the ones we sent are still the current ones.
                return result with { Outcome = FetchOutcome.NotModified, ETag = result.ETag ?? sentETag, LastModified = result.LastModified ?? sentLastModified };
            case 410:
                return Failed(result, FetchOutcome.Gone, FetchErrorCodes.Gone, $"fetch: {url} answered 410 Gone; the source should be disabled", false);
            case 404:
                return Failed(result, FetchOutcome.Failed, FetchErrorCodes.NotFound, $"fetch: {url} answered 404 Not Found", false);
            case 429 or 503:
                var code = status == 429 ? FetchErrorCodes.RateLimited : FetchErrorCodes.Unavailable;
                var retry = RetryAfter(response, time);
                var when = retry is { } r ? $"; retry after {r:O}" : "";
                return Failed(result, FetchOutcome.RetryLater, code, $"fetch: {url} answered {status}{when}", true) with { RetryAfter = retry };
            case >= 500 and < 600:
                return Failed(result, FetchOutcome.Failed, FetchErrorCodes.ServerError, $"fetch: {url} answered {status} (server error)", true);
            case >= 400 and < 500:
                return Failed(result, FetchOutcome.Failed, FetchErrorCodes.ClientError, $"fetch: {url} answered {status}", false);
            default:
                return Failed(result, FetchOutcome.Failed, FetchErrorCodes.UnexpectedStatus, $"fetch: {url} answered unexpected status {status}", false);
        }
    }

    public static FetchResult Failed(FetchResult result, FetchOutcome outcome, string code, string message, bool transient) =>
        result with { Outcome = outcome, ErrorCode = code, ErrorMessage = message, IsTransient = transient };

    private static DateTimeOffset? RetryAfter(HttpResponseMessage response, TimeProvider time) => response.Headers.RetryAfter switch
    {
        { Delta: { } delta } => time.GetUtcNow() + delta,
        { Date: { } date } => date,
        _ => null,
    };

    private static async Task<FetchResult> ReadBodyAsync(HttpResponseMessage response, FetchResult result, long maxBytes, CancellationToken ct)
    {
        // Refuse early when the server says up front that the body is too big.
        if (response.Content.Headers.ContentLength is { } length && length > maxBytes)
            return Failed(result, FetchOutcome.Failed, FetchErrorCodes.TooLarge, TooLarge(result.FinalUrl, maxBytes), false);
        var body = new MemoryStream();
        var stream = await response.Content.ReadAsStreamAsync(ct).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            var chunk = new byte[16 * 1024];
            while (await stream.ReadAsync(chunk, ct).ConfigureAwait(false) is var n and > 0)
            {
                if (body.Length + n > maxBytes)
                    return Failed(result, FetchOutcome.Failed, FetchErrorCodes.TooLarge, TooLarge(result.FinalUrl, maxBytes), false)
                        with { BytesRead = body.Length + n };
                body.Write(chunk, 0, n);
            }
        }
        return result with { Outcome = FetchOutcome.Ok, Body = body.ToArray(), BytesRead = body.Length };
    }

    private static string TooLarge(Uri url, long max) => $"fetch: the body of {url} exceeds the limit of {max} bytes";
}
