using System.Net;

namespace Rota.Net;

/// <summary>An outbound connection was refused because the host resolved only to non-public addresses.</summary>
public sealed class AddressBlockedException(string host, IPAddress address, AddressScope scope)
    : RotaException("net.blocked_address",
        $"net: '{host}' resolves to {address} ({scope}), which is not a public address; private networks are not allowed for this request",
        isTransient: false)
{
    public string Host { get; } = host;
    public IPAddress Address { get; } = address;
    public AddressScope Scope { get; } = scope;
}
