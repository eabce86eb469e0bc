namespace Rota.Crawler.Parsing;

/// <summary>A text construct: its value (sanitized HTML when <see cref="Type"/> is HTML), media type, language and
/// the base URL relative references in it were resolved against.</summary>
public sealed record FeedText(string Value, string Type, string? Language = null, string? Base = null)
{
    public const string Plain = "text/plain";
    public const string Html = "text/html";
    public const string Xhtml = "application/xhtml+xml";

    public bool IsHtml => Type is Html or Xhtml;
}
