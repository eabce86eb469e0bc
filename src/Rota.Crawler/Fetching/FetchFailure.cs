using System.Net.Sockets;
using System.Security.Authentication;
using Rota.Net;

namespace Rota.Crawler.Fetching;

/// <summary>Maps an exception from a fetch (connect, send or body read) to a stable code and transience.</summary>
internal static class FetchFailure
{
    public static (string Code, string Message, bool IsTransient) Classify(Exception ex, Uri url, bool timedOut)
    {
        if (timedOut) return (FetchErrorCodes.Timeout, $"fetch: {url} did not complete within the time allowed", true);
        for (var e = ex; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case AddressBlockedException blocked:
                    return (FetchErrorCodes.BlockedAddress, $"fetch: refused {url}: {blocked.Message}", false);
                case TimeoutException:
                    // SocketsHttpHandler reports its ConnectTimeout as a cancellation wrapping a TimeoutException.
                    return (FetchErrorCodes.Timeout, $"fetch: connecting for {url} timed out", true);
                case AuthenticationException:
                    return (FetchErrorCodes.Tls, $"fetch: TLS failed for {url}: {e.Message}", false);
                case SocketException { SocketErrorCode: SocketError.HostNotFound or SocketError.TryAgain or SocketError.NoData }:
                    return Dns(url, e);
                case InvalidDataException:
                    return (FetchErrorCodes.BadEncoding, $"fetch: the body of {url} could not be decompressed: {e.Message}", false);
            }
        }
        var inner = Innermost(ex);
        return ex switch
        {
            HttpRequestException { HttpRequestError: HttpRequestError.NameResolutionError } => Dns(url, inner),
            HttpRequestException { HttpRequestError: HttpRequestError.SecureConnectionError } =>
                (FetchErrorCodes.Tls, $"fetch: TLS failed for {url}: {inner.Message}", false),
            HttpRequestException or HttpIOException or IOException =>
                (FetchErrorCodes.Connection, $"fetch: connection failed for {url}: {inner.Message}", true),
            OperationCanceledException =>
                (FetchErrorCodes.Timeout, $"fetch: {url} was cancelled by the HTTP stack: {inner.Message}", true),
            _ => (FetchErrorCodes.Failed, $"fetch: {url} failed: {inner.Message}", true),
        };
    }

    private static (string, string, bool) Dns(Uri url, Exception e) =>
        (FetchErrorCodes.Dns, $"fetch: cannot resolve '{url.Host}' for {url}: {e.Message}", true);

    private static Exception Innermost(Exception ex)
    {
        while (ex.InnerException is { } inner) ex = inner;
        return ex;
    }
}
