using System.Text.Json.Nodes;
using Rota.Crawler.Rules;
using Rota.Server.Problems;

namespace Rota.Server.Endpoints;

/// <summary>Crawl rules in a request body: validated with <see cref="SourceRulesReader"/>, refused as 422
/// <c>source.invalid_rules</c> listing every error (field, value, message). An empty object means no rules.</summary>
public static class SourceRulesInput
{
    public const string InvalidCode = "source.invalid_rules";

    /// <summary>The rules to store (null: none), or an <see cref="ApiProblem"/>.</summary>
    public static JsonObject? Validate(JsonNode? node, string field = "rules")
    {
        if (node is null) return null;
        if (node is not JsonObject rules)
            throw ApiProblem.Malformed(field, node.ToJsonString(), "expected a JSON object of crawl rules (see docs/crawler.md)");
        if (rules.Count == 0) return null;
        var (_, errors) = SourceRulesReader.Read(rules);
        if (errors.Count == 0) return (JsonObject)rules.DeepClone();
        throw new ApiProblem(422, InvalidCode, $"rules: {errors.Count} problem(s): {string.Join("; ", errors.Take(5))}{(errors.Count > 5 ? "; …" : "")}",
            errors[0].Field, errors[0].Value)
        {
            Errors = [.. errors.Select(e => new FieldError(e.Field, e.Value, e.Message))],
        };
    }
}
