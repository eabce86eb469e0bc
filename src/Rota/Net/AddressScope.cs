namespace Rota.Net;

/// <summary>Where an IP address points, as far as outbound requests are concerned. Only <see cref="Public"/> is
/// reachable by guarded requests.</summary>
public enum AddressScope
{
    /// <summary>A globally routable unicast address.</summary>
    Public,
    /// <summary>0.0.0.0/8 and ::: "this host" — connecting to it reaches the local machine.</summary>
    Unspecified,
    /// <summary>127.0.0.0/8 and ::1.</summary>
    Loopback,
    /// <summary>RFC 1918: 10/8, 172.16/12, 192.168/16, and the deprecated IPv6 site-local fec0::/10.</summary>
    Private,
    /// <summary>100.64.0.0/10, carrier-grade NAT (RFC 6598).</summary>
    SharedAddressSpace,
    /// <summary>169.254.0.0/16 (including cloud metadata at 169.254.169.254) and fe80::/10.</summary>
    LinkLocal,
    /// <summary>fc00::/7, IPv6 unique local addresses.</summary>
    UniqueLocal,
    /// <summary>224.0.0.0/4, 255.255.255.255 and ff00::/8.</summary>
    Multicast,
    /// <summary>Special-purpose blocks that are not globally routable: 192.0.0/24, 198.18/15, 240/4, documentation
    /// ranges, 100::/64, 2001:db8::/32.</summary>
    Reserved,
}
