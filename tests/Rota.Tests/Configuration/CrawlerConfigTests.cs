using Rota.Configuration;

namespace Rota.Tests.Configuration;

/// <summary>The <c>crawler:</c> section of rota.yaml: every key read into <see cref="CrawlerSettings"/>, every bad
/// key or value reported at once with its path and line; sizes as people write them.</summary>
public sealed class CrawlerConfigTests
{
    private static readonly IReadOnlySet<string> Known = new HashSet<string> { "noop" };

    private static RotaConfigDocument Parse(string text) => ConfigLoader.Parse(text, "yaml", "test.yaml", Known);

    [Fact]
    public void Parse_CrawlerSection_ReadsEverySetting()
    {
        var s = Parse("""
            crawler:
              user_agent: "MyReader/2.0 (+https://reader.example)"
              max_per_host: 4
              min_interval_per_host: 250ms
              connect_timeout: 5s
              total_timeout: 1m
              max_body_size: 2MiB
              max_redirects: 3
              allow_loopback: true
              parallel_sources: 16
              max_items_per_source: 50
              default_poll_interval: 30m
              min_poll_interval: 10m
              max_poll_interval: 12h
              error_retry_delay: 2m
              item_retention: 30d
              crawl_log_retention: 7d
            """).Crawler!;

        Assert.Equal("MyReader/2.0 (+https://reader.example)", s.UserAgent);
        Assert.Equal((4, TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(1)), (s.MaxPerHost, s.MinIntervalPerHost, s.ConnectTimeout, s.TotalTimeout));
        Assert.Equal((2L * 1024 * 1024, 3, true), (s.MaxBodyBytes, s.MaxRedirects, s.AllowLoopback));
        Assert.Equal((16, 50), (s.ParallelSources, s.MaxItemsPerSource));
        Assert.Equal((TimeSpan.FromMinutes(30), TimeSpan.FromMinutes(10), TimeSpan.FromHours(12), TimeSpan.FromMinutes(2)),
            (s.DefaultPollInterval, s.MinPollInterval, s.MaxPollInterval, s.ErrorRetryDelay));
        Assert.Equal((TimeSpan.FromDays(30), TimeSpan.FromDays(7)), (s.ItemRetention, s.CrawlLogRetention));
    }

    [Fact]
    public void Parse_NoCrawlerSection_LeavesSettingsNull()
    {
        Assert.Null(Parse("tasks: []\n").Crawler);
        Assert.Null(Parse("crawler:\ntasks: []\n").Crawler);
    }

    [Fact]
    public void Parse_BadCrawlerSettings_ListsEveryErrorWithPathValueAndLine()
    {
        var ex = Assert.Throws<ConfigValidationException>(() => Parse("""
            crawler:
              max_per_hosts: 4
              connect_timeout: soon
              max_body_size: 15 parsecs
              parallel_sources: 0
              allow_loopback: maybe
              total_timeout: 0s
            """));

        Assert.Collection(ex.Errors,
            e => Assert.Equal(("crawler.max_per_hosts", "max_per_hosts", 2, "unknown key; did you mean 'max_per_host'?"), (e.Path, e.Value, e.Line, e.Message)),
            e => Assert.Equal(("crawler.connect_timeout", "soon", 3), (e.Path, e.Value, e.Line)),
            e => Assert.Equal(("crawler.max_body_size", "15 parsecs", 4), (e.Path, e.Value, e.Line)),
            e => Assert.Equal(("crawler.parallel_sources", "0", 5, "must be at least 1"), (e.Path, e.Value, e.Line, e.Message)),
            e => Assert.Equal(("crawler.allow_loopback", "maybe", 6, "expected true or false"), (e.Path, e.Value, e.Line, e.Message)),
            e => Assert.Equal(("crawler.total_timeout", "0s", 7, "must be positive"), (e.Path, e.Value, e.Line, e.Message)));
    }

    [Fact]
    public void Parse_CrawlerNotAMapping_IsAnError()
    {
        var ex = Assert.Throws<ConfigValidationException>(() => Parse("crawler: fast\n"));
        Assert.Equal("crawler", Assert.Single(ex.Errors).Path);
    }

    [Theory]
    [InlineData("1048576", 1048576L)]
    [InlineData("15MiB", 15L * 1024 * 1024)]
    [InlineData("512 KiB", 512L * 1024)]
    [InlineData("2MB", 2_000_000L)]
    [InlineData("1.5 kb", 1500L)]
    [InlineData("7b", 7L)]
    public void SizeText_ReadsBytesAndUnits(string text, long expected)
    {
        Assert.True(SizeText.TryParse(text, out var bytes));
        Assert.Equal(expected, bytes);
    }

    [Theory]
    [InlineData("")]
    [InlineData("MiB")]
    [InlineData("1.5b")]
    [InlineData("-1MiB")]
    [InlineData("ten MB")]
    [InlineData("99999999999GiB")]
    public void SizeText_RejectsWhatIsNotASize(string text) => Assert.False(SizeText.TryParse(text, out _));

    [Fact]
    public void EnvironmentNames_FollowTheKeys()
    {
        Assert.Equal("ROTA_CRAWLER_MAX_BODY_SIZE", CrawlerSettingKeys.EnvName("max_body_size"));
        Assert.Contains("allow_loopback", CrawlerSettingKeys.Keys);
    }
}
