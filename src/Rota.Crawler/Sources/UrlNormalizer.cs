using System.Text;

namespace Rota.Crawler.Sources;

/// <summary>
/// The comparison key of a URL, for dedup of sources and items: scheme and host lower-case (IDN as punycode), default
/// port dropped, fragment dropped, tracking parameters (<c>utm_*</c>, <c>fbclid</c>, <c>gclid</c> …) removed with the
/// order of the others kept, an empty query dropped, and — following seed 000 ("trailing slashes are normalized for
/// consistent matching") — a trailing slash removed from every path except the root, which is always <c>/</c>.
/// The key is for comparing, not fetching: a server may answer <c>/blog/</c> and <c>/blog</c> differently, so fetch
/// the URL as given.
/// </summary>
public static class UrlNormalizer
{
    private static readonly HashSet<string> TrackingParameters = new(StringComparer.OrdinalIgnoreCase)
    {
        "fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "twclid", "igshid", "mc_cid", "mc_eid", "_ga", "_hsenc", "_hsmi",
    };

    /// <summary>The key of an absolute http(s) URL. Throws <see cref="ArgumentException"/> for anything else.</summary>
    public static string Normalize(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (!url.IsAbsoluteUri || url.Scheme is not ("http" or "https"))
            throw new ArgumentException($"source: '{url}' is not an absolute http(s) URL", nameof(url));
        var key = new StringBuilder(url.Scheme).Append("://");
        if (url.UserInfo.Length > 0) key.Append(url.UserInfo).Append('@');
        key.Append(url.IdnHost.ToLowerInvariant());
        if (!url.IsDefaultPort) key.Append(':').Append(url.Port);
        var path = url.AbsolutePath;
        if (path.Length > 1 && path.EndsWith('/')) path = path.TrimEnd('/');
        key.Append(path.Length == 0 ? "/" : path);
        var query = FilterQuery(url.Query);
        if (query.Length > 0) key.Append('?').Append(query);
        return key.ToString();
    }

    /// <summary>The key of <paramref name="input"/> when it is an absolute http(s) URL; false otherwise.</summary>
    public static bool TryNormalize(string? input, out string normalized)
    {
        normalized = "";
        if (!Uri.TryCreate(input?.Trim(), UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https")) return false;
        normalized = Normalize(url);
        return true;
    }

    /// <summary>True for parameters that only say where a click came from, never what is shown.</summary>
    public static bool IsTrackingParameter(string name) =>
        name.StartsWith("utm_", StringComparison.OrdinalIgnoreCase) || TrackingParameters.Contains(name);

    private static string FilterQuery(string query)
    {
        if (query.Length <= 1) return "";
        var kept = query[1..].Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Where(p => !IsTrackingParameter(Uri.UnescapeDataString(p.Split('=', 2)[0])));
        return string.Join('&', kept);
    }
}
