using Rota.Crawler.Parsing;
using Rota.Crawler.Parsing.Html;
using Rota.Crawler.Tests.Corpus;

namespace Rota.Crawler.Tests.Sanitizing;

/// <summary>The streaming sanitiser: hostile input (OWASP XSS filter-evasion style vectors and parser-differential
/// tricks) read back by an HTML5 parser shows nothing unsafe, the output is stable under a second pass, and ordinary
/// feed HTML keeps its formatting.</summary>
public sealed class HtmlSanitizerTests
{
    private static readonly Uri Base = new("https://blog.example/posts/1/");

    public static TheoryData<string> HostileInputs() =>
    [
        "<script>alert(1)</script>",
        "<SCRIPT SRC=http://xss.example/xss.js></SCRIPT>",
        "<IMG SRC=\"javascript:alert('XSS');\">",
        "<IMG SRC=javascript:alert('XSS')>",
        "<IMG SRC=JaVaScRiPt:alert('XSS')>",
        "<IMG SRC=&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;&#97;&#108;&#101;&#114;&#116;&#40;&#39;&#88;&#83;&#83;&#39;&#41;>",
        "<IMG SRC=&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114&#0000105&#0000112&#0000116&#0000058&#0000097&#0000108&#0000101&#0000114&#0000116&#0000040&#0000039&#0000088&#0000083&#0000083&#0000039&#0000041>",
        "<IMG SRC=&#x6A&#x61&#x76&#x61&#x73&#x63&#x72&#x69&#x70&#x74&#x3A&#x61&#x6C&#x65&#x72&#x74&#x28&#x27&#x58&#x53&#x53&#x27&#x29>",
        "<IMG SRC=\"jav\tascript:alert('XSS');\">",
        "<IMG SRC=\"jav&#x09;ascript:alert('XSS');\">",
        "<IMG SRC=\"jav&#x0A;ascript:alert('XSS');\">",
        "<IMG SRC=\"jav&#x0D;ascript:alert('XSS');\">",
        "<IMG SRC=\" &#14;  javascript:alert('XSS');\">",
        "<a href=\"javascript&colon;alert(1)\">x</a>",
        "<a href=\"&#106;avascript:alert(1)\">x</a>",
        "<a href=\"\u0001javascript:alert(1)\">x</a>",
        "<a href=\"java\0script:alert(1)\">x</a>",
        "<a href=\"vbscript:msgbox(1)\">x</a>",
        "<a href=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\">x</a>",
        "<SCRIPT/XSS SRC=\"http://xss.example/xss.js\"></SCRIPT>",
        "<BODY onload!#$%&()*~+-_.,:;?@[/|\\]^`=alert(\"XSS\")>",
        "<<SCRIPT>alert(\"XSS\");//\\<</SCRIPT>",
        "<SCRIPT SRC=http://xss.example/xss.js?< B >",
        "<IMG SRC=\"`<javascript:alert>`('XSS')\"",
        "<iframe src=http://xss.example/scriptlet.html <",
        "<img src=x onerror=alert(1)//",
        "<img \"\"\"><script>alert(\"XSS\")</script>\">",
        "<scr<script>ipt>alert(1)</script>",
        "<svg/onload=alert(1)>",
        "<svg><script>alert(1)</script></svg>",
        "<svg><style><img src=x onerror=alert(1)></style></svg>",
        "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
        "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\">",
        "<textarea><img title=\"</textarea><img src=x onerror=alert(1)>\">",
        "<title><img title=\"</title><img src=x onerror=alert(1)>\">",
        "<xmp><img src=x onerror=alert(1)></xmp>",
        "<plaintext><img src=x onerror=alert(1)>",
        "<select><template><style><img src=x onerror=alert(1)>",
        "<p><svg><p><style><a title=\"</style><img src onerror=alert(1)>\">",
        "<style><img src=x onerror=alert(1)></style>",
        "<div style=\"background:url(javascript:alert(1))\">x</div>",
        "<div style=\"width: expression(alert(1))\">x</div>",
        "<div style=\"x:\\65xpression(alert(1))\">x</div>",
        "<div style=\"behavior: url(x.htc)\">x</div>",
        "<div style=\"color: red; background-image: url('javascript:alert(1)')\">x</div>",
        "<!--<img src=x onerror=alert(1)>-->",
        "<!--[if gte IE 4]><SCRIPT>alert('XSS');</SCRIPT><![endif]-->",
        "<!-- -- ><img src=x onerror=alert(1)> -->",
        "<![CDATA[<img src=x onerror=alert(1)>]]>",
        "<object data=\"javascript:alert(1)\"></object>",
        "<embed src=\"javascript:alert(1)\">",
        "<form action=\"javascript:alert(1)\"><button formaction=\"javascript:alert(1)\">x</button></form>",
        "<input type=\"image\" src=\"javascript:alert(1)\">",
        "<base href=\"javascript:/\"><a href=\"x\">x</a>",
        "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\">",
        "<link rel=stylesheet href=javascript:alert(1)>",
        "<table background=\"javascript:alert(1)\"><tr><td>x</td></tr></table>",
        "<img src=x:alert(alt) onerror=eval(src) alt=0>",
        "<IMG LOWSRC=\"javascript:alert('XSS')\">",
        "<video poster=javascript:alert(1)//></video>",
        "<img src=\"x\" title=\"a&quot; onerror=&quot;alert(1)\">",
        "<a href='x' title='\" onmouseover=alert(1) x=\"'>x</a>",
        "<a href=\"x\" ONCLICK=\"alert(1)\" onclick=\"alert(2)\">x</a>",
        "<img src=\"data:text/html,<script>alert(1)</script>\">",
        "<a href=\"&#x6A;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;&#x3A;alert(1)\">x</a>",
        "<a href=\"jAvAsCrIpT&#58;alert(1)\">x</a>",
        "<div><a title=\"--><script>alert(1)</script>\">x</a></div>",
        "</title><script>alert(1)</script>",
        "<img src=x onerror=\"alert(1)\"/><img/src=x/onerror=alert(2)>",
        "<image src=x onerror=alert(1)>",
        "<isindex action=javascript:alert(1) type=image>",
        "<a href=\"//evil.example/\">protocol-relative</a>",
    ];

    [Theory]
    [MemberData(nameof(HostileInputs))]
    public void Sanitize_HostileInput_LeavesNothingUnsafeForAnHtml5Parser(string input)
    {
        var output = HtmlFragmentSanitizer.Sanitize(input, Base);
        Assert.Empty(SanitizedHtmlInspector.Problems(output));
        Assert.Equal(output, HtmlFragmentSanitizer.Sanitize(output, Base));
    }

    /// <summary>The inspector itself must see the attacks the sanitiser removes, or the tests above prove nothing.</summary>
    [Theory]
    [InlineData("<img src=x onerror=alert(1)>")]
    [InlineData("<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\">")]
    [InlineData("<a href=\"jav&#x09;ascript:alert(1)\">x</a>")]
    [InlineData("<div style=\"width: expression(alert(1))\">x</div>")]
    [InlineData("<svg><a>x</a></svg>")]
    [InlineData("<!-- x --><b>y</b>")]
    public void Inspector_RawHostileInput_IsFlagged(string input) => Assert.NotEmpty(SanitizedHtmlInspector.Problems(input));

    [Theory]
    [InlineData("<p>Hello <b>world</b> &amp; friends</p>", "<p>Hello <b>world</b> &amp; friends</p>")]
    [InlineData("<a href=\"x\" title=\"t\" onclick=\"evil()\">link</a>", "<a href=\"https://blog.example/posts/1/x\" title=\"t\">link</a>")]
    [InlineData("a<br>b<hr/>c<img src=\"/i.png\" alt=\"i\">", "a<br />b<hr />c<img src=\"https://blog.example/i.png\" alt=\"i\" />")]
    [InlineData("<p>one<p>two", "<p>one</p><p>two</p>")]
    [InlineData("<ul><li>a<li>b</ul>", "<ul><li>a</li><li>b</li></ul>")]
    [InlineData("<b><i>x</b>y</i>", "<b><i>x</i></b>y")]
    [InlineData("safe<script>alert(1)</script> text", "safe text")]
    [InlineData("safe <iframe src=\"x\">kept</iframe>text", "safe kepttext")]
    [InlineData("<blink>safe</blink> <unknown>text</unknown>", "safe text")]
    [InlineData("3 &lt; 4 &amp;&amp; 5 &gt; 2 &eacute;&#233;&#xE9; &bogus; & <", "3 &lt; 4 &amp;&amp; 5 &gt; 2 ééé &amp;bogus; &amp; &lt;")]
    [InlineData("&#38; &#x26; &#60; <a title=\"&#38;&#34;&#x3C;\">x</a>", "&#38; &#x26; &#60; <a title=\"&#38;&#34;&#x3C;\">x</a>")]
    [InlineData("<a href=\"javascript:alert(1)\">x</a>", "<a href=\"\">x</a>")]
    [InlineData("<img src=\"data:image/png;base64,iVBORw0KGgo=\">", "<img src=\"data:image/png;base64,iVBORw0KGgo=\" />")]
    [InlineData("<a href=\"data:image/png;base64,iVBORw0KGgo=\">x</a>", "<a href=\"\">x</a>")]
    [InlineData("<span style=\"color: red; position: absolute\">x</span>", "<span style=\"color: red;\">x</span>")]
    [InlineData("<span style=\"background: url(x.png) yellow\">x</span>", "<span style=\"background: yellow;\">x</span>")]
    [InlineData("<div style=\"width: expression(alert(1))\">x</div>", "<div>x</div>")]
    [InlineData("<P CLASS=intro Title='a \"q\"'>x</P>", "<p class=\"intro\" title=\"a &quot;q&quot;\">x</p>")]
    [InlineData("x<!-- hidden -->y<?php echo 1 ?>z", "xyz")]
    [InlineData("<code>&lt;br /&gt;</code>", "<code>&lt;br /&gt;</code>")]
    [InlineData("<code>&lt;br /></code> a > b", "<code>&lt;br /></code> a > b")]
    [InlineData("</p>stray end<div>open", "stray end<div>open</div>")]
    public void Sanitize_KeepsFormattingAndDropsTheRest(string input, string expected) =>
        Assert.Equal(expected, HtmlFragmentSanitizer.Sanitize(input, Base));

    [Fact]
    public void Sanitize_DeepNesting_IsBoundedAndBalanced()
    {
        var input = string.Concat(Enumerable.Repeat("<div>", 5000)) + "x";
        var output = HtmlFragmentSanitizer.Sanitize(input, Base);
        Assert.Equal(256, CountOf(output, "<div>"));
        Assert.Equal(256, CountOf(output, "</div>"));
    }

    /// <summary>Every HTML value the parser produces from the whole feedparser corpus is safe when read back by a
    /// browser-grade parser, and stable under a second pass.</summary>
    [Fact]
    public void Sanitize_EveryHtmlValueInTheCorpus_IsSafeAndStable()
    {
        var dir = CorpusLocator.Directory();
        var checkedValues = 0;
        foreach (var file in Directory.EnumerateFiles(dir, "*.xml", SearchOption.AllDirectories))
        {
            var doc = FeedParser.Parse(File.ReadAllBytes(file));
            foreach (var text in HtmlValues(doc))
            {
                checkedValues++;
                var problems = SanitizedHtmlInspector.Problems(text.Value);
                Assert.True(problems.Count == 0, $"{Path.GetRelativePath(dir, file)}: {string.Join("; ", problems)} in {text.Value}");
                var baseUri = text.Base is { Length: > 0 } b ? new Uri(b) : null;
                Assert.Equal(text.Value, HtmlFragmentSanitizer.Sanitize(text.Value, baseUri));
            }
        }
        Assert.True(checkedValues > 500, $"only {checkedValues} HTML values found");
    }

    private static IEnumerable<FeedText> HtmlValues(FeedDocument doc)
    {
        var texts = new List<FeedText?> { doc.Feed.Title, doc.Feed.Description, doc.Feed.Rights, doc.Feed.Info };
        foreach (var e in doc.Entries)
        {
            texts.Add(e.Title);
            texts.Add(e.Summary);
            texts.AddRange(e.Content);
        }
        return texts.OfType<FeedText>().Where(t => t.Type is FeedText.Html or FeedText.Xhtml);
    }

    private static int CountOf(string s, string part)
    {
        var n = 0;
        for (var i = s.IndexOf(part, StringComparison.Ordinal); i >= 0; i = s.IndexOf(part, i + 1, StringComparison.Ordinal)) n++;
        return n;
    }
}
