namespace Rota.Crawler.Rules;

/// <summary>Removes query parameters from item links by name: an exact name (<c>fbclid</c>) or a prefix ending in
/// <c>*</c> (<c>utm_*</c>), case-insensitive. Other parameters keep their order and encoding; a link that is not an
/// absolute http(s) URL is left alone.</summary>
public sealed class QueryParamStripper(IReadOnlyList<string> names)
{
    /// <summary>The usual click-tracking parameters, suggested in the docs (not applied unless listed).</summary>
    public static readonly IReadOnlyList<string> Common = ["utm_*", "fbclid", "gclid", "dclid", "msclkid", "mc_cid", "mc_eid", "igshid", "_hsenc", "_hsmi", "yclid"];

    public IReadOnlyList<string> Names { get; } = names;

    public string? Apply(string? url)
    {
        if (Names.Count == 0 || string.IsNullOrEmpty(url) || !Uri.TryCreate(url, UriKind.Absolute, out var uri)
            || uri.Scheme is not ("http" or "https") || uri.Query.Length <= 1)
            return url;
        var kept = uri.Query[1..].Split('&').Where(part => part.Length > 0 && !Strips(Uri.UnescapeDataString(part.Split('=')[0]))).ToList();
        var builder = new UriBuilder(uri) { Query = string.Join('&', kept) };
        if (uri.IsDefaultPort) builder.Port = -1;
        return builder.Uri.AbsoluteUri;
    }

    private bool Strips(string name) => Names.Any(n => n.EndsWith('*')
        ? name.StartsWith(n[..^1], StringComparison.OrdinalIgnoreCase)
        : name.Equals(n, StringComparison.OrdinalIgnoreCase));
}
