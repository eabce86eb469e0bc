namespace Rota.Crawler.Parsing.Text;

/// <summary>The media type and charset of an HTTP Content-Type header, read leniently: servers quote the charset
/// with single or double quotes, put spaces around '=', or write garbage parameters that must be ignored.</summary>
internal readonly record struct ContentTypeHeader(string MediaType, string? Charset)
{
    public static ContentTypeHeader? Parse(string? header)
    {
        if (string.IsNullOrWhiteSpace(header)) return null;
        var parts = header.Split(';');
        string? charset = null;
        foreach (var part in parts.AsSpan(1))
        {
            var eq = part.IndexOf('=');
            if (eq < 0) continue;
            if (!part.AsSpan(0, eq).Trim().Equals("charset", StringComparison.OrdinalIgnoreCase)) continue;
            var value = part[(eq + 1)..].Trim().Trim('"', '\'').Trim();
            if (value.Length > 0) charset = value;
        }
        return new ContentTypeHeader(parts[0].Trim().ToLowerInvariant(), charset);
    }

    /// <summary>RFC 3023: text/*xml without a charset is us-ascii, whatever the XML declaration says.</summary>
    public bool IsTextXml => MediaType.StartsWith("text/", StringComparison.Ordinal) && MediaType.Contains("xml", StringComparison.Ordinal);

    public bool IsApplicationXml => MediaType.StartsWith("application/", StringComparison.Ordinal) && MediaType.Contains("xml", StringComparison.Ordinal);
}
