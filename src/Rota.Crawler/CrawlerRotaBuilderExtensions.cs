using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Rota.Crawler.Crawling;
using Rota.Crawler.Fetching;
using Rota.Hosting;
using Rota.Net;
using Rota.Storage;

namespace Rota.Crawler;

public static class CrawlerRotaBuilderExtensions
{
    /// <summary>Registers the <c>crawl</c> and <c>fetch-page</c> handlers with one shared <see cref="FeedFetcher"/> (SSRF
    /// guard on; 127.0.0.1 reachable only with <see cref="CrawlerOptions.AllowLoopback"/>) and <see cref="SourceCrawler"/>.</summary>
    public static RotaBuilder UseCrawler(this RotaBuilder builder, CrawlerOptions? options = null)
    {
        var o = options ?? new CrawlerOptions();
        if (o.Validate() is { Count: > 0 } errors)
            throw new RotaException("options.invalid", "options: " + string.Join("; ", errors));
        builder.Services.TryAddSingleton(o);
        builder.Services.TryAddSingleton(sp => CreateFetcher(o, sp.GetRequiredService<TimeProvider>()));
        builder.Services.TryAddSingleton(sp => new SourceCrawler(sp.GetRequiredService<IRotaStore>(), sp.GetRequiredService<FeedFetcher>(), o,
            sp.GetRequiredService<TimeProvider>(), sp.GetService<ILogger<SourceCrawler>>()));
        builder.AddHandler<CrawlHandler>("crawl");
        builder.AddHandler<FetchPageHandler>("fetch-page");
        return builder;
    }

    /// <summary>The fetcher the crawler uses: public addresses only, plus 127.0.0.1 when the options allow loopback.</summary>
    public static FeedFetcher CreateFetcher(CrawlerOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        var guard = new OutboundAddressGuard(false, options.AllowLoopback ? [IPAddress.Loopback] : null);
        return new FeedFetcher(guard, time, options.Fetch);
    }
}
