using Rota.Crawler.Sources;

namespace Rota.Crawler.Tests.Sources;

public sealed class UrlNormalizerTests
{
    [Theory]
    [InlineData("HTTPS://Example.COM/Path", "https://example.com/Path")]
    [InlineData("https://example.com:443/a", "https://example.com/a")]
    [InlineData("http://example.com:80/a", "http://example.com/a")]
    [InlineData("http://example.com:8080/a", "http://example.com:8080/a")]
    [InlineData("https://example.com/a#section", "https://example.com/a")]
    [InlineData("https://example.com", "https://example.com/")]
    [InlineData("https://example.com/", "https://example.com/")]
    [InlineData("https://example.com/blog/", "https://example.com/blog")]
    [InlineData("https://example.com/blog//", "https://example.com/blog")]
    [InlineData("https://example.com/a?utm_source=x&id=3&utm_medium=y", "https://example.com/a?id=3")]
    [InlineData("https://example.com/a?fbclid=abc", "https://example.com/a")]
    [InlineData("https://example.com/a?gclid=1&b=2&a=1", "https://example.com/a?b=2&a=1")]
    [InlineData("https://example.com/a?UTM_Campaign=z&q=1", "https://example.com/a?q=1")]
    [InlineData("https://example.com/a?", "https://example.com/a")]
    [InlineData("https://bücher.example/", "https://xn--bcher-kva.example/")]
    public void Normalize_Url_ReturnsKey(string input, string expected) =>
        Assert.Equal(expected, UrlNormalizer.Normalize(new Uri(input)));

    [Fact]
    public void Normalize_TrailingSlashVariants_GiveSameKey() =>
        Assert.Equal(UrlNormalizer.Normalize(new Uri("https://Example.com/blog/?utm_source=rss#top")),
            UrlNormalizer.Normalize(new Uri("https://example.com/blog")));

    [Fact]
    public void Normalize_RelativeUrl_Throws() =>
        Assert.Throws<ArgumentException>(() => UrlNormalizer.Normalize(new Uri("/a", UriKind.Relative)));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not a url")]
    [InlineData("mailto:someone@example.com")]
    public void TryNormalize_NotHttpUrl_ReturnsFalse(string? input) =>
        Assert.False(UrlNormalizer.TryNormalize(input, out _));

    [Fact]
    public void TryNormalize_HttpUrl_ReturnsKey()
    {
        Assert.True(UrlNormalizer.TryNormalize(" https://EXAMPLE.com/x/ ", out var key));
        Assert.Equal("https://example.com/x", key);
    }
}
