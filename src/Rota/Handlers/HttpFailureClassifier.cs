using System.Net.Sockets;
using Rota.Net;
using Rota.Runs;

namespace Rota.Handlers;

/// <summary>Maps a failed HTTP exchange to a stable error code: blocked address, DNS, connect or transfer failure.</summary>
internal static class HttpFailureClassifier
{
    public static RunError Classify(Exception ex, HttpMethod method, Uri url)
    {
        var inner = ex;
        for (var e = ex; e is not null; e = e.InnerException)
        {
            inner = e;
            if (e is AddressBlockedException blocked)
                return new RunError("http.blocked_address",
                    $"http: refused {method} {url}: {blocked.Message}; tasks created through the API may call public addresses only unless the server allows private networks",
                    IsTransient: false);
            if (e is SocketException { SocketErrorCode: SocketError.HostNotFound or SocketError.TryAgain or SocketError.NoData })
                return Dns(method, url, e);
        }
        return ex switch
        {
            HttpRequestException { HttpRequestError: HttpRequestError.NameResolutionError } => Dns(method, url, inner),
            HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.SecureConnectionError or HttpRequestError.ProxyTunnelError }
                or HttpRequestException { InnerException: SocketException } =>
                new RunError("http.connect_failed", $"http: cannot connect for {method} {url}: {inner.Message}", ex.ToString(), IsTransient: true),
            _ => new RunError("http.request_failed", $"http: {method} {url} failed: {inner.Message}", ex.ToString(), IsTransient: true),
        };
    }

    private static RunError Dns(HttpMethod method, Uri url, Exception e) =>
        new("http.dns_failed", $"http: cannot resolve '{url.Host}' for {method} {url}: {e.Message}", IsTransient: true);
}
