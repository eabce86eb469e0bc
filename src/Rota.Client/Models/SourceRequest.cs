namespace Rota.Client.Models;

/// <summary>The body of <c>POST /api/v1/sources</c>: a feed or page URL or a handle (<c>r/dotnet</c>, <c>owner/repo</c>,
/// <c>@user@instance</c>, …). Null fields are left to the server: the kind from the input, the name from the feed,
/// the owner the caller (only admins may name another). <see cref="Rules"/>: crawl rules to store with it (docs/crawler.md).</summary>
public sealed record SourceRequest(string Input, string? Kind = null, string? Name = null, string? Owner = null,
    System.Text.Json.Nodes.JsonObject? Rules = null);
