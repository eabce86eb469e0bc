namespace Rota.Crawler.Parsing.Xml;

/// <summary>Splits the free-text person of RSS and Dublin Core: <c>jo@example.com (Jo Doe)</c>, <c>Jo Doe (jo@example.com)</c>,
/// <c>Jo Doe &lt;jo@example.com&gt;</c>, a bare address, or just a name.</summary>
internal static class PersonParser
{
    public static FeedPerson? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var s = text.Trim();
        var open = s.IndexOf('(');
        if (open > 0 && s.EndsWith(')'))
        {
            var outside = s[..open].Trim();
            var inside = s[(open + 1)..^1].Trim();
            if (IsEmail(outside)) return new FeedPerson(inside.Length > 0 ? inside : null, outside);
            if (IsEmail(inside)) return new FeedPerson(outside, inside); // "Jo Doe (jo@example.com)"
        }
        var lt = s.IndexOf('<');
        if (lt >= 0 && s.EndsWith('>'))
        {
            var email = s[(lt + 1)..^1].Trim();
            var name = s[..lt].Trim().Trim('"');
            if (IsEmail(email)) return new FeedPerson(name.Length > 0 ? name : null, email);
        }
        return IsEmail(s) ? new FeedPerson(null, s) : new FeedPerson(s);
    }

    private static bool IsEmail(string s)
    {
        var at = s.IndexOf('@');
        return at > 0 && at < s.Length - 1 && !s.Contains(' ');
    }
}
