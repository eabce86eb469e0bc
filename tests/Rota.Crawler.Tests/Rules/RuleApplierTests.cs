using System.Text.Json.Nodes;
using Rota.Crawler.Rules;
using Rota.Storage;

namespace Rota.Crawler.Tests.Rules;

public sealed class RuleApplierTests
{
    private static readonly ItemWrite Item = new("k", "https://blog.example/p?utm_source=x&id=7&fbclid=abc#top", "[Ad] Big News", "Grace Hopper",
        "<p>summary text</p>", "<p>The body with a tracking pixel</p>", null, new JsonArray("dotnet", "release"));

    private static SourceRules Rules(string json)
    {
        var (rules, errors) = SourceRulesReader.Read((JsonObject)JsonNode.Parse(json)!);
        Assert.Empty(errors);
        return rules;
    }

    [Theory]
    [InlineData("title", "big news", true)]
    [InlineData("title", "nothing", false)]
    [InlineData("content", "TRACKING PIXEL", true)]
    [InlineData("content", "summary", true)]
    [InlineData("author", "hopper", true)]
    [InlineData("tags", "release", true)]
    [InlineData("tags", "python", false)]
    [InlineData("url", "blog.example/p", true)]
    [InlineData("any", "grace", true)]
    [InlineData("any", "absent", false)]
    public void Block_Contains_MatchesTheChosenField(string field, string text, bool blocked)
    {
        var rules = Rules($$"""{ "block": [{ "field": "{{field}}", "contains": "{{text}}" }] }""");
        Assert.Equal(blocked ? "blocked" : null, RuleApplier.Reject(Item, rules));
    }

    [Fact]
    public void Block_IgnoreCaseFalse_IsCaseSensitive()
    {
        Assert.Null(RuleApplier.Reject(Item, Rules("""{ "block": [{ "field": "title", "contains": "big news", "ignore_case": false }] }""")));
        Assert.Equal("blocked", RuleApplier.Reject(Item, Rules("""{ "block": [{ "field": "title", "regex": "^\\[Ad\\]", "ignore_case": false }] }""")));
        Assert.Null(RuleApplier.Reject(Item, Rules("""{ "block": [{ "field": "title", "regex": "^\\[ad\\]", "ignore_case": false }] }""")));
    }

    [Fact]
    public void Keep_OnlyMatchingItemsPass_AndBlockWinsOverKeep()
    {
        Assert.Null(RuleApplier.Reject(Item, Rules("""{ "keep": [{ "field": "tags", "regex": "^dotnet$" }] }""")));
        Assert.Equal("kept_out", RuleApplier.Reject(Item, Rules("""{ "keep": [{ "field": "tags", "regex": "^net$" }] }""")));
        Assert.Equal("blocked", RuleApplier.Reject(Item, Rules("""{ "keep": [{ "field": "tags", "contains": "dotnet" }], "block": [{ "field": "author", "contains": "grace" }] }""")));
    }

    [Fact]
    public void Rewrite_StripsListedParams_AndReplacesInTitleContentAndSummary()
    {
        var rules = Rules("""
            { "rewrite": { "strip_params": ["utm_*", "FBCLID"],
                           "title": [{ "regex": "^\\[Ad\\]\\s*", "replace": "" }],
                           "content": [{ "regex": "(tracking) pixel", "replace": "$1 image" }, { "regex": "summary", "replace": "abstract" }] } }
            """);
        var rewritten = RuleApplier.Rewrite(Item, rules);
        Assert.Equal("https://blog.example/p?id=7#top", rewritten.Url);
        Assert.Equal("Big News", rewritten.Title);
        Assert.Equal("<p>The body with a tracking image</p>", rewritten.Content);
        Assert.Equal("<p>abstract text</p>", rewritten.Summary);
        Assert.Same(Item, RuleApplier.Rewrite(Item, SourceRules.None));
    }

    [Theory]
    [InlineData("https://a.example/x?utm_source=a&utm_medium=b", "https://a.example/x")]
    [InlineData("https://a.example/x?q=1&fbclid=z", "https://a.example/x?q=1")]
    [InlineData("https://a.example:8443/x?gclid=1&q=%20a", "https://a.example:8443/x?q=%20a")]
    [InlineData("https://a.example/x?utmsource=1", "https://a.example/x?utmsource=1")]
    [InlineData("mailto:a@b.example?utm_x=1", "mailto:a@b.example?utm_x=1")]
    [InlineData("not a url", "not a url")]
    public void QueryParamStripper_RemovesOnlyMatchingNames(string url, string expected) =>
        Assert.Equal(expected, new QueryParamStripper(["utm_*", "fbclid", "gclid"]).Apply(url));
}
