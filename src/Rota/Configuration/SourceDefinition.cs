using System.Text.Json.Nodes;

namespace Rota.Configuration;

/// <summary>A source declared in the <c>sources:</c> section of a configuration file: added (like <c>rota source add</c>)
/// when its owner does not have it yet, and its crawl rules kept as the file says.</summary>
/// <param name="Input">A feed or page URL, or a handle (<c>r/dotnet</c>, <c>owner/repo</c>, …).</param>
/// <param name="Name">Display name used when the source is added (default: the feed's title).</param>
/// <param name="Kind">The source kind when the input alone does not say (<c>feed</c>, <c>reddit</c>, …).</param>
/// <param name="Owner">The user the source belongs to (default: the crawler's default owner).</param>
/// <param name="Rules">Crawl rules (docs/crawler.md); null: none.</param>
public sealed record SourceDefinition(string Input, string? Name = null, string? Kind = null, string? Owner = null, JsonObject? Rules = null);

/// <summary>Checks a source's crawl rules (the crawler's validator, given by the caller: the core does not know the
/// crawler); yields each problem with its field path relative to the source (<c>rules.block[0].regex</c>).</summary>
public delegate IEnumerable<(string Field, string? Value, string Message)> SourceRulesCheck(JsonObject rules);
