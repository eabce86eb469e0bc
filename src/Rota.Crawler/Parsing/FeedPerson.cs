namespace Rota.Crawler.Parsing;

/// <summary>An author, contributor or publisher. RSS writes "email (Name)"; that form is split.</summary>
public sealed record FeedPerson(string? Name, string? Email = null, string? Uri = null)
{
    /// <summary>How feedparser and mail clients display a person: <c>Name (email)</c>, or whichever part exists.</summary>
    public string? Display => (Name, Email) switch
    {
        ({ Length: > 0 } n, { Length: > 0 } e) => $"{n} ({e})",
        ({ Length: > 0 } n, _) => n,
        (_, { Length: > 0 } e) => e,
        _ => Uri,
    };
}
