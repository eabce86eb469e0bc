using System.Text;
using Rota.Crawler.Parsing;

namespace Rota.Crawler.Tests;

public sealed class UrlAndSanitizationTests
{
    private static FeedDocument ParseText(string xml, FeedParseOptions? options = null) => FeedParser.Parse(Encoding.UTF8.GetBytes(xml), options);

    [Fact]
    public void Parse_NestedXmlBase_ResolvesLinksAndContentUrls()
    {
        var doc = ParseText("""
            <feed xmlns="http://www.w3.org/2005/Atom" xml:base="http://a.example/dir/">
              <entry xml:base="sub/"><link href="page.html"/><content type="html">&lt;img src="i.png"&gt;</content></entry>
            </feed>
            """);
        var entry = doc.Entries.Single();
        Assert.Equal("http://a.example/dir/sub/page.html", entry.Link);
        Assert.Equal("<img src=\"http://a.example/dir/sub/i.png\" />", entry.Content.Single().Value);
        Assert.Equal("http://a.example/dir/sub/", entry.Content[0].Base);
    }

    [Fact]
    public void Parse_RssWithoutBase_ResolvesAgainstChannelLink()
    {
        var doc = ParseText("<rss version=\"2.0\"><channel><link>http://b.example/blog/</link><item><link>/post/1</link><description>&lt;a href=\"x\"&gt;x&lt;/a&gt;</description></item></channel></rss>");
        Assert.Equal("http://b.example/post/1", doc.Entries.Single().Link);
        Assert.Equal("<a href=\"http://b.example/blog/x\">x</a>", doc.Entries[0].Summary!.Value);
    }

    [Fact]
    public void Parse_DocumentUrlGiven_ResolvesAgainstIt()
    {
        var doc = ParseText("<rss version=\"2.0\"><channel><item><link>p/2</link></item></channel></rss>", new FeedParseOptions { BaseUri = new Uri("https://c.example/feeds/main.xml") });
        Assert.Equal("https://c.example/feeds/p/2", doc.Entries.Single().Link);
    }

    [Fact]
    public void Parse_AbsoluteLink_KeepsItsSpelling()
    {
        var doc = ParseText("<rss version=\"2.0\"><channel><link>http://d.example</link></channel></rss>");
        Assert.Equal("http://d.example", doc.Feed.Link);
    }

    [Fact]
    public void Parse_HostileHtml_RemovesScriptsHandlersAndJavascriptUrls()
    {
        var summary = Fixture.Parse("sanitize.xml").Entries.Single().Summary!.Value;
        Assert.DoesNotContain("script", summary, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("alert", summary, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("onclick", summary, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("onerror", summary, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("javascript:", summary, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Hi", summary);
        Assert.Contains("link", summary);
    }

    [Fact]
    public void Parse_HtmlInRssTitle_IsDetectedAndSanitized()
    {
        var doc = ParseText("<rss version=\"2.0\"><channel><title>&lt;b&gt;Bold&lt;/b&gt;&lt;script&gt;x()&lt;/script&gt;</title></channel></rss>");
        Assert.Equal("<b>Bold</b>", doc.Feed.Title!.Value);
        Assert.Equal(FeedText.Html, doc.Feed.Title.Type);
    }

    [Fact]
    public void Parse_PlainTitleWithAngleBracket_StaysPlain()
    {
        var doc = ParseText("<rss version=\"2.0\"><channel><title>3 &lt; 4 &amp; 5 &gt; 2</title></channel></rss>");
        Assert.Equal("3 < 4 & 5 > 2", doc.Feed.Title!.Value);
        Assert.Equal(FeedText.Plain, doc.Feed.Title.Type);
    }
}
