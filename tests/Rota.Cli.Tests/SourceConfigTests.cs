using System.Text.Json.Nodes;

namespace Rota.Cli.Tests;

/// <summary>The <c>sources:</c> section of rota.yaml: sources added with their crawl rules by <c>rota apply</c>, rules
/// kept in step with the file, and bad rules refused with their path and line before anything is written.</summary>
public sealed class SourceConfigTests
{
    private const string Yaml = """
        sources:
          - url: https://example.com/feed.xml
            name: Example
            owner: ada
            rules:
              min_quality: 40
              block:
                - { field: title, contains: sponsored }
              rewrite:
                strip_params: [utm_*, fbclid]
          - url: https://example.org/other.xml
        """;

    [Fact]
    public async Task Apply_SourcesSection_AddsThemWithRules_ThenUnchanged_ThenUpdated()
    {
        using var cli = new CliRunner();
        var path = cli.Write("rota.yaml", Yaml);
        var dry = await cli.Run("apply", "--config", path, "--dry-run");
        Assert.Contains("created    source https://example.com/feed.xml (ada)", dry.Out, StringComparison.Ordinal);
        Assert.Equal(0, JsonNode.Parse((await cli.Run("source", "list", "--json")).Out)!["total"]!.GetValue<int>());

        var applied = await cli.Run("apply", "--config", path);
        Assert.True(applied.Exit == 0, applied.Err);
        Assert.Contains("created    source https://example.com/feed.xml (ada)", applied.Out, StringComparison.Ordinal);
        Assert.Contains("created    source https://example.org/other.xml", applied.Out, StringComparison.Ordinal);
        var list = JsonNode.Parse((await cli.Run("source", "list", "--json")).Out)!["sources"]!.AsArray();
        var ada = list.Single(s => s!["owner"]!.GetValue<string>() == "ada")!;
        Assert.Equal("Example", ada["name"]!.GetValue<string>());
        var rules = JsonNode.Parse((await cli.Run("source", "rules", ada["id"]!.GetValue<long>().ToString(System.Globalization.CultureInfo.InvariantCulture), "--json")).Out)!["rules"]!;
        Assert.Equal(40, rules["min_quality"]!.GetValue<int>());
        Assert.Equal("sponsored", rules["block"]![0]!["contains"]!.GetValue<string>());

        Assert.Contains("unchanged  source https://example.com/feed.xml (ada)", (await cli.Run("apply", "--config", path)).Out, StringComparison.Ordinal);
        cli.Write("rota.yaml", Yaml.Replace("min_quality: 40", "min_quality: 60", StringComparison.Ordinal));
        Assert.Contains("updated    source https://example.com/feed.xml (ada)", (await cli.Run("apply", "--config", path)).Out, StringComparison.Ordinal);
        var after = JsonNode.Parse((await cli.Run("source", "rules", ada["id"]!.GetValue<long>().ToString(System.Globalization.CultureInfo.InvariantCulture), "--json")).Out)!;
        Assert.Equal(60, after["rules"]!["min_quality"]!.GetValue<int>());
    }

    [Fact]
    public async Task Apply_BadRules_RefusedWithPathAndLine_NothingWritten()
    {
        using var cli = new CliRunner();
        var path = cli.Write("rota.yaml", """
            sources:
              - url: https://example.com/feed.xml
                rules:
                  max_items: 0
                  block:
                    - { field: title, regex: "(" }
                  colour: red
              - name: no url
            """);
        var (exit, _, err) = await cli.Run("apply", "--config", path);
        Assert.Equal(4, exit);
        foreach (var text in new[] { "sources[0].rules.max_items", "sources[0].rules.block[0].regex", "sources[0].rules.colour", "sources[1].url", "line 4" })
            Assert.Contains(text, err, StringComparison.Ordinal);
        Assert.Equal(0, JsonNode.Parse((await cli.Run("source", "list", "--json")).Out)!["total"]!.GetValue<int>());
    }
}
