namespace Rota.Crawler.Parsing;

/// <summary>Something the parser repaired or guessed, with a stable <see cref="Code"/> such as
/// <c>feed.xml_repaired</c>; the document was still read.</summary>
public sealed record FeedWarning(string Code, string Message)
{
    public override string ToString() => $"{Code}: {Message}";
}
