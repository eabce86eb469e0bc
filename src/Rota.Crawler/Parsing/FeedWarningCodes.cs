namespace Rota.Crawler.Parsing;

/// <summary>The stable codes of <see cref="FeedWarning"/>s.</summary>
public static class FeedWarningCodes
{
    /// <summary>The declared encoding (HTTP or XML declaration) was wrong or unknown; another was used.</summary>
    public const string EncodingOverride = "feed.encoding_override";

    /// <summary>Bytes were not valid in the encoding used and were replaced.</summary>
    public const string EncodingInvalid = "feed.encoding_invalid";

    /// <summary>An undeclared entity (e.g. HTML's <c>&amp;nbsp;</c>) or a stray <c>&amp;</c> was repaired.</summary>
    public const string EntityRepaired = "feed.entity_repaired";

    /// <summary>Characters XML forbids (control characters) were removed.</summary>
    public const string IllegalCharacters = "feed.illegal_characters";

    /// <summary>The XML was not well-formed; it was repaired (tags balanced) or read up to the error.</summary>
    public const string MalformedXml = "feed.malformed_xml";

    /// <summary>The document ended early; what was read before the end is kept.</summary>
    public const string Truncated = "feed.truncated";
}
