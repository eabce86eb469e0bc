using System.Text.Json.Nodes;
using Rota.Crawler.Rules;

namespace Rota.Crawler.Tests.Rules;

public sealed class SourceRulesReaderTests
{
    private static (SourceRules Rules, IReadOnlyList<RuleError> Errors) Read(string json) =>
        SourceRulesReader.Read((JsonObject)JsonNode.Parse(json)!);

    [Fact]
    public void Read_EveryRule_BuildsThem()
    {
        var (rules, errors) = Read("""
            { "block": [{ "field": "title", "contains": "ad" }, { "field": "any", "regex": "^x", "ignore_case": false }],
              "keep": [{ "field": "tags", "contains": "dotnet" }],
              "rewrite": { "strip_params": ["utm_*"], "title": [{ "regex": "a", "replace": "b" }], "content": [{ "regex": "c", "replace": "" }] },
              "max_items": 10, "min_quality": 30, "user_agent": "Me/1", "headers": { "Cookie": "a=b", "Accept": "text/xml" },
              "full_content": true, "selector": "article .body" }
            """);
        Assert.Empty(errors);
        Assert.Equal((2, 1, 1, 1), (rules.Block.Count, rules.Keep.Count, rules.TitleReplacements.Count, rules.ContentReplacements.Count));
        Assert.Equal((ItemField.Any, ItemField.Tags), (rules.Block[1].Field, rules.Keep[0].Field));
        Assert.Equal(((int?)10, (int?)30, "Me/1", true, "article .body"), (rules.MaxItems, rules.MinQuality, rules.UserAgent, rules.FullContent, rules.Selector));
        Assert.Equal("a=b", rules.Headers["cookie"]);
        Assert.Equal(["utm_*"], rules.StripParams.Names);
    }

    [Fact]
    public void Read_Null_IsNoRules()
    {
        var (rules, errors) = SourceRulesReader.Read(null);
        Assert.Same(SourceRules.None, rules);
        Assert.Empty(errors);
    }

    [Fact]
    public void Read_ManyProblems_ListsEachWithFieldAndValue()
    {
        var (rules, errors) = Read("""
            { "blok": [],
              "block": [{ "field": "titel", "contains": "x" }, { "field": "title", "regex": "(" }, { "field": "url" },
                        { "field": "title", "contains": "a", "regex": "b" }, { "field": "title", "regex": "(?<=a)b" }, "x"],
              "keep": { "field": "title" },
              "rewrite": { "strip_params": ["a=b"], "title": [{ "regex": "[" }], "extra": 1 },
              "max_items": 0, "min_quality": 101, "user_agent": "bad\nagent",
              "headers": { "Host": "evil", "Connection": "close", "User-Agent": "x", "Bad Name": "v", "Cookie": 5 },
              "selector": "div[", "full_content": "yes" }
            """);
        Assert.Same(SourceRules.None, rules);
        var byField = errors.ToLookup(e => e.Field);
        Assert.Contains("unknown field", byField["rules.blok"].Single().Message, StringComparison.Ordinal);
        Assert.Equal("titel", byField["rules.block[0].field"].Single().Value);
        Assert.Equal("(", byField["rules.block[1].regex"].Single().Value);
        Assert.Contains("not a valid regular expression", byField["rules.block[1].regex"].Single().Message, StringComparison.Ordinal);
        Assert.Contains("exactly one of contains or regex", byField["rules.block[2]"].Single().Message, StringComparison.Ordinal);
        Assert.Contains("not both", byField["rules.block[3]"].Single().Message, StringComparison.Ordinal);
        Assert.Contains("lookarounds", byField["rules.block[4].regex"].Single().Message, StringComparison.Ordinal);
        Assert.Single(byField["rules.block[5]"]);
        Assert.Single(byField["rules.keep"]);
        Assert.Equal("a=b", byField["rules.rewrite.strip_params[0]"].Single().Value);
        Assert.Single(byField["rules.rewrite.title[0].regex"]);
        Assert.Contains("required", byField["rules.rewrite.title[0].replace"].Single().Message, StringComparison.Ordinal);
        Assert.Single(byField["rules.rewrite.extra"]);
        Assert.Equal(("0", "101"), (byField["rules.max_items"].Single().Value, byField["rules.min_quality"].Single().Value));
        Assert.Single(byField["rules.user_agent"]);
        Assert.Contains("cannot be overridden", byField["rules.headers.Host"].Single().Message, StringComparison.Ordinal);
        Assert.Single(byField["rules.headers.Connection"]);
        Assert.Contains("user_agent", byField["rules.headers.User-Agent"].Single().Message, StringComparison.Ordinal);
        Assert.Single(byField["rules.headers.Bad Name"]);
        Assert.Equal("5", byField["rules.headers.Cookie"].Single().Value);
        Assert.Equal("div[", byField["rules.selector"].Single().Value);
        Assert.Single(byField["rules.full_content"]);
        Assert.Equal("rules.max_items: must be between 1 and 10000 (value: 0)", byField["rules.max_items"].Single().ToString());
    }

    [Fact]
    public void Read_SelectorWithoutFullContent_IsAnError()
    {
        var (_, errors) = Read("""{ "selector": "article" }""");
        Assert.Equal("rules.selector", Assert.Single(errors).Field);
    }

    [Theory]
    [InlineData("""{"a":1""", "not valid JSON")]
    [InlineData("[1]", "expected a JSON object")]
    public void Parse_BadText_SaysWhy(string text, string message)
    {
        var (json, errors) = SourceRulesReader.Parse(text);
        Assert.Null(json);
        Assert.Contains(message, Assert.Single(errors).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_Blank_IsNoRules()
    {
        Assert.Equal((null, 0), (SourceRulesReader.Parse("  ").Json, SourceRulesReader.Parse("  ").Errors.Count));
        Assert.Equal(3, SourceRulesReader.Parse("""{"max_items":3}""").Json!["max_items"]!.GetValue<int>());
    }
}
