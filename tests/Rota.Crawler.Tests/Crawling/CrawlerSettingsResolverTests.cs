using Rota.Configuration;
using Rota.Crawler.Crawling;
using Rota.Crawler.Fetching;
using Rota.TestSupport;

namespace Rota.Crawler.Tests.Crawling;

/// <summary>Crawler options from defaults, the file's <c>crawler:</c> section and <c>ROTA_CRAWLER_*</c> variables,
/// and proof that resolved settings reach real fetches.</summary>
public sealed class CrawlerSettingsResolverTests
{
    private static CrawlerOptions Resolve(CrawlerSettings? file, params (string Name, string Value)[] env)
    {
        var vars = env.ToDictionary(e => e.Name, e => e.Value);
        return CrawlerSettingsResolver.Resolve(file, n => vars.GetValueOrDefault(n), vars.Keys);
    }

    [Fact]
    public void Resolve_NothingSet_GivesTheDefaults()
    {
        var o = Resolve(null);
        Assert.Equal(new CrawlerOptions().MaxParallelSources, o.MaxParallelSources);
        Assert.Equal(FetchOptions.Default.UserAgent, o.Fetch.UserAgent);
        Assert.Equal(15 * 1024 * 1024, o.Fetch.MaxBodyBytes);
        Assert.False(o.AllowLoopback);
    }

    [Fact]
    public void Resolve_EnvironmentOverridesFile_AndFileOverridesDefaults()
    {
        var file = new CrawlerSettings { UserAgent = "FromFile/1", MaxPerHost = 3, ItemRetention = TimeSpan.FromDays(10) };
        var o = Resolve(file, ("ROTA_CRAWLER_USER_AGENT", "FromEnv/2"), ("ROTA_CRAWLER_ALLOW_LOOPBACK", "true"), ("ROTA_CRAWLER_MAX_BODY_SIZE", "1MiB"),
            ("ROTA_CRAWLER_MIN_INTERVAL_PER_HOST", "0s"), ("ROTA_CRAWLER_DEFAULT_POLL_INTERVAL", "2h"));

        Assert.Equal("FromEnv/2", o.Fetch.UserAgent);
        Assert.Equal(3, o.Fetch.MaxConcurrentPerHost);
        Assert.Equal(TimeSpan.Zero, o.Fetch.MinIntervalPerHost);
        Assert.Equal(1024 * 1024, o.Fetch.MaxBodyBytes);
        Assert.True(o.AllowLoopback);
        Assert.Equal(TimeSpan.FromDays(10), o.ItemRetention);
        Assert.Equal(TimeSpan.FromHours(2), o.DefaultPollInterval);
    }

    [Fact]
    public void Resolve_BadAndUnknownVariablesAndContradictions_AreAllReported()
    {
        var file = new CrawlerSettings { MinPollInterval = TimeSpan.FromHours(2), MaxPollInterval = TimeSpan.FromHours(1) };
        var ex = Assert.Throws<RotaException>(() => Resolve(file, ("ROTA_CRAWLER_MAX_PER_HOST", "many"), ("ROTA_CRAWLER_TOTAL_TIMOUT", "5s"),
            ("ROTA_CRAWLER_ALLOW_LOOPBACK", "yes")));

        Assert.Equal(CrawlerSettingsResolver.ErrorCode, ex.Code);
        Assert.Contains("ROTA_CRAWLER_MAX_PER_HOST: expected a whole number (value: 'many')", ex.Message);
        Assert.Contains("ROTA_CRAWLER_ALLOW_LOOPBACK: expected true or false (value: 'yes')", ex.Message);
        Assert.Contains("ROTA_CRAWLER_TOTAL_TIMOUT: unknown crawler setting; did you mean 'total_timeout'?", ex.Message);
        Assert.Contains("MaxPollInterval 01:00:00 must be at least MinPollInterval 02:00:00", ex.Message);
    }

    [Fact]
    public void Resolve_ScheduleAndPredictiveSettings_FromFileAndEnvironment_BadOnesNamed()
    {
        var file = new CrawlerSettings { Schedule = "predictive", PredictiveHalfLife = TimeSpan.FromDays(7) };
        var o = Resolve(file, ("ROTA_CRAWLER_PREDICTIVE_THRESHOLD", "0.25"), ("ROTA_CRAWLER_PREDICTIVE_MIN_ITEMS", "12"));
        Assert.Equal((Rota.Crawler.Scheduling.CrawlScheduleMode.Predictive, 0.25, TimeSpan.FromDays(7), 12),
            (o.Schedule, o.Predictive.Threshold, o.Predictive.HalfLife, o.Predictive.MinItems));
        Assert.Equal(Rota.Crawler.Scheduling.CrawlScheduleMode.Adaptive, Resolve(null).Schedule);

        var ex = Assert.Throws<RotaException>(() => Resolve(null, ("ROTA_CRAWLER_SCHEDULE", "hourly"), ("ROTA_CRAWLER_PREDICTIVE_THRESHOLD", "-1"),
            ("ROTA_CRAWLER_PREDICTIVE_MIN_ITEMS", "1")));
        Assert.Contains("ROTA_CRAWLER_SCHEDULE: expected one of fixed, adaptive, predictive (value: 'hourly')", ex.Message);
        Assert.Contains("ROTA_CRAWLER_PREDICTIVE_THRESHOLD: must be positive (value: '-1')", ex.Message);
        Assert.Contains("ROTA_CRAWLER_PREDICTIVE_MIN_ITEMS: must be at least 2 (value: '1')", ex.Message);
    }

    [Fact]
    public async Task ResolvedSettings_ReachTheFetcher_UserAgentSentAndSizeCapApplied()
    {
        await using var server = await LoopbackHttpServer.StartAsync();
        server.MapBytes("/small.xml", 200, new byte[500], "application/xml");
        server.MapBytes("/big.xml", 200, new byte[5000], "application/xml");
        var file = new CrawlerSettings { UserAgent = "RotaTest/9 (+https://test.example)", MaxBodyBytes = 1000 };
        var options = Resolve(file, ("ROTA_CRAWLER_ALLOW_LOOPBACK", "true"), ("ROTA_CRAWLER_MIN_INTERVAL_PER_HOST", "0s"));
        using var fetcher = CrawlerRotaBuilderExtensions.CreateFetcher(options, TimeProvider.System);

        var small = await fetcher.FetchAsync(new Uri(server.Url("/small.xml")));
        var big = await fetcher.FetchAsync(new Uri(server.Url("/big.xml")));

        Assert.Equal(FetchOutcome.Ok, small.Outcome);
        Assert.Equal("RotaTest/9 (+https://test.example)", server.Requests[0].Header("User-Agent"));
        Assert.Equal(FetchErrorCodes.TooLarge, big.ErrorCode);
    }

    [Fact]
    public async Task LoopbackNotAllowed_FetchIsRefused()
    {
        await using var server = await LoopbackHttpServer.StartAsync();
        server.MapBytes("/f.xml", 200, new byte[10], "application/xml");
        using var fetcher = CrawlerRotaBuilderExtensions.CreateFetcher(Resolve(null), TimeProvider.System);

        var result = await fetcher.FetchAsync(new Uri(server.Url("/f.xml")));

        Assert.Equal(FetchOutcome.Failed, result.Outcome);
        Assert.Empty(server.Requests);
    }
}
