namespace Rota.Crawler.Parsing.Text;

/// <summary>A document's bytes turned into text, with the encoding used and what went wrong on the way.</summary>
internal sealed record DecodedText(string Text, string EncodingName, IReadOnlyList<FeedWarning> Warnings);
