using System.Net;
using System.Net.Sockets;

namespace Rota.Net;

/// <summary>Classifies IP addresses by the special-purpose block they fall in (IANA IPv4/IPv6 registries).</summary>
public static class AddressClassifier
{
    public static AddressScope Classify(IPAddress address)
    {
        if (address.AddressFamily == AddressFamily.InterNetwork) return ClassifyV4(address.GetAddressBytes());
        if (address.AddressFamily != AddressFamily.InterNetworkV6) return AddressScope.Reserved;
        var b = address.GetAddressBytes();
        // Forms that embed an IPv4 address reach that address, so they are judged by it.
        if (address.IsIPv4MappedToIPv6) return ClassifyV4(b[12..]);
        if (b.AsSpan(0, 12).IndexOfAnyExcept((byte)0) < 0)
        {
            if (b[12] == 0 && b[13] == 0 && b[14] == 0) return b[15] switch { 0 => AddressScope.Unspecified, 1 => AddressScope.Loopback, _ => AddressScope.Reserved };
            return ClassifyV4(b[12..]); // ::a.b.c.d, IPv4-compatible (deprecated)
        }
        if (b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xff && b[3] == 0x9b && b.AsSpan(4, 8).IndexOfAnyExcept((byte)0) < 0)
            return ClassifyV4(b[12..]); // 64:ff9b::/96 NAT64
        if (b[0] == 0x20 && b[1] == 0x02) return ClassifyV4(b[2..6]); // 2002::/16 6to4
        if (b[0] == 0xff) return AddressScope.Multicast;
        if ((b[0] & 0xfe) == 0xfc) return AddressScope.UniqueLocal;
        if (b[0] == 0xfe && (b[1] & 0xc0) == 0x80) return AddressScope.LinkLocal;
        if (b[0] == 0xfe && (b[1] & 0xc0) == 0xc0) return AddressScope.Private; // fec0::/10 site-local
        if (b[0] == 0x01 && b[1] == 0x00 && b.AsSpan(2, 6).IndexOfAnyExcept((byte)0) < 0) return AddressScope.Reserved; // 100::/64 discard
        if (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x0d && b[3] == 0xb8) return AddressScope.Reserved; // 2001:db8::/32 documentation
        return AddressScope.Public;
    }

    private static AddressScope ClassifyV4(ReadOnlySpan<byte> b) => (b[0], b[1], b[2]) switch
    {
        (0, _, _) => AddressScope.Unspecified,
        (127, _, _) => AddressScope.Loopback,
        (10, _, _) => AddressScope.Private,
        (172, >= 16 and <= 31, _) => AddressScope.Private,
        (192, 168, _) => AddressScope.Private,
        (100, >= 64 and <= 127, _) => AddressScope.SharedAddressSpace,
        (169, 254, _) => AddressScope.LinkLocal,
        (>= 224 and <= 239, _, _) => AddressScope.Multicast,
        (255, 255, 255) when b[3] == 255 => AddressScope.Multicast,
        (>= 240, _, _) => AddressScope.Reserved,
        (192, 0, 0) or (192, 0, 2) or (198, 51, 100) or (203, 0, 113) or (198, 18 or 19, _) => AddressScope.Reserved,
        _ => AddressScope.Public,
    };
}
