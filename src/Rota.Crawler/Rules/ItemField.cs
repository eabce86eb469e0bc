namespace Rota.Crawler.Rules;

/// <summary>The parts of an item a filter can look at. <c>Content</c> covers the body and the summary; <c>Tags</c>
/// each category; <c>Any</c> all of them.</summary>
public enum ItemField
{
    Title,
    Content,
    Author,
    Tags,
    Url,
    Any,
}
