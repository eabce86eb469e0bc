using Rota.Crawler.Parsing.Xml;

namespace Rota.Crawler.Parsing.Atom;

/// <summary>An Atom person construct: name, email, uri (Atom 0.3: url).</summary>
internal static class AtomPersonReader
{
    public static FeedPerson? Read(XmlFeedContext ctx)
    {
        string? name = null, email = null, uri = null;
        ctx.ForEachChild(() =>
        {
            switch (ctx.LocalName)
            {
                case "name": name = ctx.ReadNonEmptyText(); break;
                case "email": email = ctx.ReadNonEmptyText(); break;
                case "uri" or "url" or "homepage": uri = ctx.ReadUrl(); break;
                default: ctx.Skip(); break;
            }
        });
        return name is null && email is null && uri is null ? null : new FeedPerson(name, email, uri);
    }
}
