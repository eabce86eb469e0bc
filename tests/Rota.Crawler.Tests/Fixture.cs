using Rota.Crawler.Parsing;

namespace Rota.Crawler.Tests;

/// <summary>Reads the hand-written feeds under Fixtures/ (copied next to the test assembly).</summary>
internal static class Fixture
{
    public static string Path(string name) => System.IO.Path.Combine(AppContext.BaseDirectory, "Fixtures", name);

    public static FeedDocument Parse(string name, FeedParseOptions? options = null) => FeedParser.Parse(File.ReadAllBytes(Path(name)), options);
}
