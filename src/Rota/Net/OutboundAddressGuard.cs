using System.Net;
using System.Net.Sockets;

namespace Rota.Net;

/// <summary>
/// Decides which IP addresses an outbound request may connect to (the SSRF guard). <see cref="PublicOnly"/> refuses
/// loopback, private, link-local (cloud metadata), CGNAT, unique-local, multicast and reserved addresses, including
/// their IPv4-mapped, IPv4-compatible, NAT64 and 6to4 IPv6 forms. Used by <see cref="GuardedHttpHandlerFactory"/>.
/// </summary>
public sealed class OutboundAddressGuard
{
    private readonly HashSet<IPAddress> _alsoAllowed;

    /// <param name="allowPrivateNetworks">True allows every address (operators' own tasks).</param>
    /// <param name="alsoAllowed">Exact addresses allowed in addition to public ones (e.g. 127.0.0.1 for a CLI flag).</param>
    public OutboundAddressGuard(bool allowPrivateNetworks, IEnumerable<IPAddress>? alsoAllowed = null)
    {
        AllowsPrivateNetworks = allowPrivateNetworks;
        _alsoAllowed = (alsoAllowed ?? []).Select(Unmap).ToHashSet();
    }

    /// <summary>Public addresses only.</summary>
    public static OutboundAddressGuard PublicOnly { get; } = new(false);

    /// <summary>Every address (no guard).</summary>
    public static OutboundAddressGuard AllowAll { get; } = new(true);

    public bool AllowsPrivateNetworks { get; }

    public bool IsAllowed(IPAddress address) =>
        AllowsPrivateNetworks || _alsoAllowed.Contains(Unmap(address)) || AddressClassifier.Classify(address) == AddressScope.Public;

    /// <summary>
    /// Resolves <paramref name="host"/> (a name or an IP literal) and returns the allowed addresses, in resolver order.
    /// Throws <see cref="AddressBlockedException"/> when none is allowed and <see cref="SocketException"/> when the name
    /// does not resolve. Callers must connect to the returned addresses themselves: resolving again would let a
    /// rebinding DNS server answer differently the second time.
    /// </summary>
    public async Task<IReadOnlyList<IPAddress>> ResolveAsync(string host, CancellationToken ct)
    {
        var literal = host.StartsWith('[') && host.EndsWith(']') ? host[1..^1] : host;
        var addresses = IPAddress.TryParse(literal, out var ip) ? [ip] : await Dns.GetHostAddressesAsync(host, ct).ConfigureAwait(false);
        if (addresses.Length == 0) throw new SocketException((int)SocketError.HostNotFound);
        var allowed = addresses.Where(IsAllowed).ToList();
        return allowed.Count > 0 ? allowed : throw new AddressBlockedException(host, addresses[0], AddressClassifier.Classify(addresses[0]));
    }

    private static IPAddress Unmap(IPAddress a) => a.IsIPv4MappedToIPv6 ? a.MapToIPv4() : a;
}
