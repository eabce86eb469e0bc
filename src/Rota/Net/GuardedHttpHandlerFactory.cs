using System.Net;
using System.Net.Sockets;

namespace Rota.Net;

/// <summary>
/// Creates <see cref="SocketsHttpHandler"/>s whose every connection — first request and each redirect hop alike — goes
/// through an <see cref="OutboundAddressGuard"/>: the host is resolved once, vetted, and the socket connects to the
/// vetted address itself, so a DNS answer that changes between check and connect (rebinding) cannot slip through.
/// Create one handler per guard and share it; a handler per request exhausts sockets.
/// </summary>
public static class GuardedHttpHandlerFactory
{
    /// <summary>A handler with automatic redirects off (callers follow them and decide per hop), gzip/deflate/brotli,
    /// pooled connections recycled every 2 minutes, and no proxy when guarded (a proxy would connect for us,
    /// unguarded).</summary>
    public static SocketsHttpHandler Create(OutboundAddressGuard guard) => new()
    {
        AllowAutoRedirect = false,
        AutomaticDecompression = DecompressionMethods.All,
        PooledConnectionLifetime = TimeSpan.FromMinutes(2),
        UseProxy = guard.AllowsPrivateNetworks,
        ConnectCallback = (context, ct) => ConnectAsync(guard, context.DnsEndPoint, ct),
    };

    /// <summary>Resolves and vets the host, then connects to the first vetted address that accepts.</summary>
    public static async ValueTask<Stream> ConnectAsync(OutboundAddressGuard guard, DnsEndPoint endpoint, CancellationToken ct)
    {
        var addresses = await guard.ResolveAsync(endpoint.Host, ct).ConfigureAwait(false);
        SocketException? last = null;
        foreach (var address in addresses)
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(address, endpoint.Port), ct).ConfigureAwait(false);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (SocketException ex)
            {
                socket.Dispose();
                last = ex;
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }
        throw last!;
    }
}
