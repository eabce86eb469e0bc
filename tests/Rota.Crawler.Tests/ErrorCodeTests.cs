using System.Text;
using Rota.Crawler.Parsing;

namespace Rota.Crawler.Tests;

public sealed class ErrorCodeTests
{
    [Theory]
    [InlineData("page.html", "feed.format_not_detected")]
    [InlineData("empty.xml", "feed.empty")]
    [InlineData("binary.png", "feed.format_not_detected")]
    [InlineData("not-a-feed.xml", "feed.format_not_detected")]
    public void Parse_NotAFeed_ThrowsWithStableCode(string fixture, string code)
    {
        var ex = Assert.Throws<FeedParseException>(() => Fixture.Parse(fixture));
        Assert.Equal(code, ex.Code);
        Assert.False(ex.IsTransient);
        Assert.StartsWith("feed:", ex.Message);
    }

    [Theory]
    [InlineData("", "feed.empty")]
    [InlineData("plain text, no markup", "feed.format_not_detected")]
    [InlineData("{\"not\": \"a feed\"}", "feed.format_not_detected")]
    [InlineData("{broken json", "feed.format_not_detected")]
    public void Parse_NotAFeedText_ThrowsWithStableCode(string text, string code)
    {
        var ex = Assert.Throws<FeedParseException>(() => FeedParser.Parse(Encoding.UTF8.GetBytes(text)));
        Assert.Equal(code, ex.Code);
    }

    [Fact]
    public void Parse_HtmlPage_SaysItIsAnHtmlPage()
    {
        var ex = Assert.Throws<FeedParseException>(() => Fixture.Parse("page.html"));
        Assert.Contains("HTML page", ex.Message);
    }
}
