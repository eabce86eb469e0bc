namespace Rota.Crawler.Parsing.Xml;

/// <summary>Resolves relative references against a base, leniently: a reference that cannot be resolved (no base,
/// malformed) is returned as written rather than lost, and an absolute one keeps its spelling.</summary>
internal static class UrlResolver
{
    public static string Resolve(Uri? baseUri, string reference)
    {
        reference = reference.Trim();
        if (IsAbsolute(reference)) return reference;
        return Combine(baseUri, reference)?.AbsoluteUri ?? reference;
    }

    public static Uri? Combine(Uri? baseUri, string reference)
    {
        reference = reference.Trim();
        if (IsAbsolute(reference)) return Uri.TryCreate(reference, UriKind.Absolute, out var absolute) ? absolute : null;
        // Only a web base resolves: "javascript:" or "data:" given as xml:base must not turn relative links into script.
        if (baseUri is null || !baseUri.IsAbsoluteUri || baseUri.Scheme is not ("http" or "https" or "ftp")) return null;
        return Uri.TryCreate(baseUri, reference, out var combined) ? combined : null;
    }

    /// <summary>"scheme:" first. Uri alone would call "/path" absolute (a file path on Unix).</summary>
    private static bool IsAbsolute(string reference)
    {
        var colon = reference.IndexOf(':');
        if (colon < 2) return false;
        for (var i = 0; i < colon; i++)
            if (!(char.IsAsciiLetterOrDigit(reference[i]) || reference[i] is '+' or '-' or '.')) return false;
        return char.IsAsciiLetter(reference[0]);
    }
}
