using System.Net;
using System.Net.Sockets;
using Rota.Net;

namespace Rota.Tests.Handlers;

/// <summary>The SSRF guard's address table: IPv4, IPv6 and the IPv6 forms that embed an IPv4 address.</summary>
public sealed class AddressClassifierTests
{
    [Theory]
    [InlineData("8.8.8.8", AddressScope.Public)]
    [InlineData("1.1.1.1", AddressScope.Public)]
    [InlineData("172.15.255.255", AddressScope.Public)]
    [InlineData("172.32.0.1", AddressScope.Public)]
    [InlineData("100.63.255.255", AddressScope.Public)]
    [InlineData("100.128.0.1", AddressScope.Public)]
    [InlineData("169.253.1.1", AddressScope.Public)]
    [InlineData("0.0.0.0", AddressScope.Unspecified)]
    [InlineData("0.1.2.3", AddressScope.Unspecified)]
    [InlineData("127.0.0.1", AddressScope.Loopback)]
    [InlineData("127.255.255.254", AddressScope.Loopback)]
    [InlineData("10.0.0.1", AddressScope.Private)]
    [InlineData("10.255.255.255", AddressScope.Private)]
    [InlineData("172.16.0.1", AddressScope.Private)]
    [InlineData("172.31.255.255", AddressScope.Private)]
    [InlineData("192.168.1.1", AddressScope.Private)]
    [InlineData("100.64.0.1", AddressScope.SharedAddressSpace)]
    [InlineData("100.127.255.255", AddressScope.SharedAddressSpace)]
    [InlineData("169.254.169.254", AddressScope.LinkLocal)]
    [InlineData("169.254.0.1", AddressScope.LinkLocal)]
    [InlineData("224.0.0.1", AddressScope.Multicast)]
    [InlineData("239.255.255.250", AddressScope.Multicast)]
    [InlineData("255.255.255.255", AddressScope.Multicast)]
    [InlineData("240.0.0.1", AddressScope.Reserved)]
    [InlineData("192.0.2.1", AddressScope.Reserved)]
    [InlineData("198.18.0.1", AddressScope.Reserved)]
    [InlineData("2606:4700:4700::1111", AddressScope.Public)]
    [InlineData("2001:4860:4860::8888", AddressScope.Public)]
    [InlineData("::", AddressScope.Unspecified)]
    [InlineData("::1", AddressScope.Loopback)]
    [InlineData("fc00::1", AddressScope.UniqueLocal)]
    [InlineData("fd12:3456:789a::1", AddressScope.UniqueLocal)]
    [InlineData("fe80::1", AddressScope.LinkLocal)]
    [InlineData("febf::1", AddressScope.LinkLocal)]
    [InlineData("fec0::1", AddressScope.Private)]
    [InlineData("ff02::1", AddressScope.Multicast)]
    [InlineData("2001:db8::1", AddressScope.Reserved)]
    [InlineData("100::1", AddressScope.Reserved)]
    [InlineData("::ffff:127.0.0.1", AddressScope.Loopback)]
    [InlineData("::ffff:10.1.2.3", AddressScope.Private)]
    [InlineData("::ffff:169.254.169.254", AddressScope.LinkLocal)]
    [InlineData("::ffff:100.64.1.1", AddressScope.SharedAddressSpace)]
    [InlineData("::ffff:0.0.0.0", AddressScope.Unspecified)]
    [InlineData("::ffff:8.8.8.8", AddressScope.Public)]
    [InlineData("::127.0.0.1", AddressScope.Loopback)]
    [InlineData("64:ff9b::a9fe:a9fe", AddressScope.LinkLocal)]
    [InlineData("64:ff9b::808:808", AddressScope.Public)]
    [InlineData("2002:c0a8:0101::1", AddressScope.Private)]
    [InlineData("2002:7f00:0001::1", AddressScope.Loopback)]
    public void Classify_Address_ReturnsItsScope(string address, AddressScope expected) =>
        Assert.Equal(expected, AddressClassifier.Classify(IPAddress.Parse(address)));

    [Fact]
    public void IsAllowed_PublicOnly_RefusesAllButPublic()
    {
        Assert.True(OutboundAddressGuard.PublicOnly.IsAllowed(IPAddress.Parse("8.8.8.8")));
        Assert.False(OutboundAddressGuard.PublicOnly.IsAllowed(IPAddress.Loopback));
        Assert.False(OutboundAddressGuard.PublicOnly.IsAllowed(IPAddress.Parse("::ffff:192.168.0.1")));
        Assert.True(OutboundAddressGuard.AllowAll.IsAllowed(IPAddress.Parse("169.254.169.254")));
    }

    [Fact]
    public void IsAllowed_AlsoAllowedAddress_AllowsExactlyThatAddress()
    {
        var guard = new OutboundAddressGuard(false, [IPAddress.Loopback]);
        Assert.True(guard.IsAllowed(IPAddress.Loopback));
        Assert.True(guard.IsAllowed(IPAddress.Parse("::ffff:127.0.0.1")));
        Assert.False(guard.IsAllowed(IPAddress.Parse("127.0.0.2")));
        Assert.False(guard.IsAllowed(IPAddress.IPv6Loopback));
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("[::1]")]
    [InlineData("localhost")]
    [InlineData("169.254.169.254")]
    public async Task ResolveAsync_NonPublicHost_ThrowsBlocked(string host)
    {
        var ex = await Assert.ThrowsAsync<AddressBlockedException>(() => OutboundAddressGuard.PublicOnly.ResolveAsync(host, default));
        Assert.Equal("net.blocked_address", ex.Code);
        Assert.NotEqual(AddressScope.Public, ex.Scope);
    }

    [Fact]
    public async Task ConnectAsync_BlockedHost_NeverOpensASocket()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        await Assert.ThrowsAsync<AddressBlockedException>(async () =>
            await GuardedHttpHandlerFactory.ConnectAsync(OutboundAddressGuard.PublicOnly, new DnsEndPoint("127.0.0.1", port), default));
        Assert.False(listener.Pending());
        await using var allowed = await GuardedHttpHandlerFactory.ConnectAsync(OutboundAddressGuard.AllowAll, new DnsEndPoint("127.0.0.1", port), default);
        using var accepted = await listener.AcceptTcpClientAsync();
        Assert.True(accepted.Connected);
    }
}
