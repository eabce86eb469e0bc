using System.Text.Json.Nodes;
using Rota.Pipelines.Expressions;

namespace Rota.Tests.Pipelines;

public sealed class ExpressionTests
{
    private static readonly Dictionary<string, StepOutcome> Steps = new()
    {
        ["fetch"] = new("succeeded", null, null, new JsonObject { ["items_new"] = 3, ["source"] = "rss", ["ok"] = true }),
        ["check"] = new("failed", null, "crawler: down", null),
    };

    [Theory]
    [InlineData("steps.fetch.status == 'succeeded' && steps.fetch.stats.items_new > 0", true)]
    [InlineData("steps.fetch.stats.items_new >= 3 && steps.fetch.stats.items_new < 3.5", true)]
    [InlineData("steps.fetch.stats.items_new != 3", false)]
    [InlineData("steps.check.status == \"failed\" || false", true)]
    [InlineData("!(steps.check.status == 'succeeded')", true)]
    [InlineData("steps.check.error == null", false)]
    [InlineData("steps.fetch.error == null", true)]
    [InlineData("steps.fetch.stats.missing == null", true)]
    [InlineData("steps.fetch.stats.source == 'rss' && steps.fetch.stats.ok", true)]
    [InlineData("steps.fetch.stats.source > 1", false)]
    [InlineData("steps.never.status == null", true)]
    [InlineData("true && (false || !false)", true)]
    public void Evaluate_ReturnsTheExpectedTruth(string text, bool expected) =>
        Assert.Equal(expected, ExpressionEvaluator.IsTrue(ExpressionParser.Parse(text), Steps));

    [Theory]
    [InlineData("steps.fetch.status = 'x'", 20, "write '=='")]
    [InlineData("steps.fetch.status == 'x", 23, "unterminated string")]
    [InlineData("(steps.fetch.status == 'x'", 27, "expected ')'")]
    [InlineData("steps.fetch.status ==", 22, "unexpected end of expression")]
    [InlineData("fetch.status == 'x'", 1, "paths start with 'steps.'")]
    [InlineData("steps.fetch.colour == 1", 1, "unknown field 'colour'")]
    [InlineData("steps.fetch.stats > 1", 1, "needs a key")]
    [InlineData("steps.fetch.status == 'a' 'b'", 27, "unexpected ''b''")]
    [InlineData("", 1, "empty")]
    public void Parse_BadText_NamesThePosition(string text, int position, string message)
    {
        var ex = Assert.Throws<ExpressionException>(() => ExpressionParser.Parse(text));
        Assert.Equal(position, ex.Position);
        Assert.Contains(message, ex.Message);
        Assert.Contains($"at position {position}", ex.Message);
        Assert.Equal("pipeline.expression_syntax", ex.Code);
    }
}
