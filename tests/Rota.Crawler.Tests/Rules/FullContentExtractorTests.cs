using System.Text;
using Rota.Crawler.Rules;

namespace Rota.Crawler.Tests.Rules;

public sealed class FullContentExtractorTests
{
    private static readonly Uri Page = new("https://blog.example/posts/1");

    private static string? Extract(string html, string? selector, string contentType = "text/html") =>
        FullContentExtractor.Extract(Encoding.UTF8.GetBytes(html), contentType, selector, Page);

    [Fact]
    public void Extract_Selector_TakesThatElement_SanitisedWithLinksResolved()
    {
        var html = Extract("""<body><nav>menu</nav><div class="post"><p onclick="x()">Hello <a href="/about">about</a></p><script>bad()</script></div></body>""", "div.post");
        Assert.Equal("""<p>Hello <a href="https://blog.example/about">about</a></p>""", html);
    }

    [Fact]
    public void Extract_NoSelector_PrefersArticleThenMainThenBody()
    {
        Assert.Equal("<p>a</p>", Extract("<body><main><p>m</p></main><article><p>a</p></article></body>", null));
        Assert.Equal("<p>m</p>", Extract("<body><div>x</div><main><p>m</p></main></body>", null));
        Assert.Equal("<div>x</div>", Extract("<body><div>x</div></body>", null));
    }

    [Fact]
    public void Extract_NothingMatchesOrNotHtml_IsNull()
    {
        Assert.Null(Extract("<body><p>x</p></body>", ".missing"));
        Assert.Null(Extract("<body><div class=\"post\"> </div></body>", ".post"));
        Assert.Null(Extract("{\"a\":1}", null, "application/json"));
    }

    [Fact]
    public void Extract_HonoursTheMetaCharset()
    {
        var bytes = Encoding.Latin1.GetBytes("<html><head><meta charset=\"iso-8859-1\"></head><body><article>caf\u00e9</article></body></html>");
        Assert.Equal("café", FullContentExtractor.Extract(bytes, "text/html", null, Page));
    }

    [Theory]
    [InlineData("article .body", true)]
    [InlineData("#main > p:first-child", true)]
    [InlineData("div[", false)]
    [InlineData("", false)]
    public void IsValidSelector(string selector, bool valid) => Assert.Equal(valid, FullContentExtractor.IsValidSelector(selector));
}
