using System.CommandLine;
using Rota.Crawler;
using Rota.Crawler.Crawling;
using Rota.Crawler.Fetching;
using Rota.Crawler.Sources;
using Rota.Storage;

namespace Rota.Cli.Commands;

/// <summary>The crawler pieces the source commands use on a store opened directly (no server involved).</summary>
internal sealed class CrawlerSetup : IDisposable
{
    public static readonly Option<string?> OwnerOption = new("--owner") { Description = "Owner (user name) of the sources (default: admin; list and logs: every owner)" };

    public static Option<bool> AllowLoopbackOption() =>
        new("--allow-loopback") { Description = "Allow fetching from 127.0.0.1 (refused by default, like every private address)" };

    /// <summary>The crawler settings of this invocation: the <c>crawler:</c> section of the config file in use (if
    /// any) under the <c>ROTA_CRAWLER_*</c> variables, as <c>rota serve</c> reads them.</summary>
    public static CrawlerOptions OptionsFor(ParseResult p) =>
        CrawlerSettingsResolver.FromProcess(CliContext.ConfigPath(p) is { } path ? ConfigApplier.Load(path).Crawler : null);

    /// <param name="allowLoopback">--allow-loopback: adds to the settings, never takes loopback away.</param>
    public CrawlerSetup(IRotaStore store, TimeProvider time, CrawlerOptions options, bool allowLoopback)
    {
        Options = allowLoopback ? options with { AllowLoopback = true } : options;
        Fetcher = CrawlerRotaBuilderExtensions.CreateFetcher(Options, time);
        Crawler = new SourceCrawler(store, Fetcher, Options, time);
        // Twitter/X has no public feeds: accounts resolve only through a bridge the operator names.
        var bridge = Environment.GetEnvironmentVariable("ROTA_TWITTER_BRIDGE");
        Registrar = new SourceRegistrar(store, Fetcher, Options, time, new SourceResolverOptions { TwitterBridgeUrlTemplate = string.IsNullOrWhiteSpace(bridge) ? null : bridge });
    }

    public CrawlerOptions Options { get; }
    public FeedFetcher Fetcher { get; }
    public SourceCrawler Crawler { get; }
    public SourceRegistrar Registrar { get; }

    public void Dispose() => Fetcher.Dispose();
}
