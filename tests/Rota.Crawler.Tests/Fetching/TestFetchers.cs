using System.Net;
using Rota.Crawler.Fetching;
using Rota.Net;

namespace Rota.Crawler.Tests.Fetching;

/// <summary>Fetchers for loopback tests: the guard allows 127.0.0.1 explicitly (and nothing else private), and the
/// per-host interval is off so redirect chains on one server do not wait.</summary>
internal static class TestFetchers
{
    public static OutboundAddressGuard LoopbackGuard { get; } = new(false, [IPAddress.Loopback]);

    public static FetchOptions Fast { get; } = new()
    {
        MinIntervalPerHost = TimeSpan.Zero,
        ConnectTimeout = TimeSpan.FromSeconds(2),
        TotalTimeout = TimeSpan.FromSeconds(5),
    };

    public static FeedFetcher Create(FetchOptions? options = null, TimeProvider? time = null, OutboundAddressGuard? guard = null) =>
        new(guard ?? LoopbackGuard, time ?? TimeProvider.System, options ?? Fast);
}
