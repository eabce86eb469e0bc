namespace Rota.Crawler.Parsing.Xml;

/// <summary>Keeps the first value an element supplied while still letting the reader consume a later duplicate
/// (<c>x ??= ctx.ReadText()</c> would skip the read and leave the reader stuck on the element).</summary>
internal static class Prefer
{
    public static T First<T>(T existing, T read) => existing is null ? read : existing;
}
