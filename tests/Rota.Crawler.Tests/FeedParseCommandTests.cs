using System.Text.Json;
using Rota.Cli;

namespace Rota.Crawler.Tests;

/// <summary><c>rota feed parse</c> prints the documented JSON contract (docs/crawler.md).</summary>
public sealed class FeedParseCommandTests
{
    private static async Task<(int Exit, string Out, string Err)> Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var exit = await CliApp.RunAsync(args, stdout, stderr);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public async Task FeedParse_Rss20File_PrintsTheJsonContract()
    {
        var (exit, output, error) = await Run("feed", "parse", Fixture.Path("rss20.xml"), "--format", "json");
        Assert.True(exit == 0, error);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        Assert.Equal(["feed", "entries", "warnings"], root.EnumerateObject().Select(p => p.Name));

        var feed = root.GetProperty("feed");
        Assert.Equal(["title", "link", "description", "language", "updated", "author", "image_url"], feed.EnumerateObject().Select(p => p.Name));
        Assert.Equal("Example Radio", feed.GetProperty("title").GetString());
        Assert.Equal("2025-06-10T09:41:01Z", feed.GetProperty("updated").GetString());
        Assert.Equal("Ed Itor (editor@example.com)", feed.GetProperty("author").GetString());
        Assert.Equal("https://radio.example.com/logo.png", feed.GetProperty("image_url").GetString());

        var first = root.GetProperty("entries")[0];
        Assert.Equal(["id", "title", "link", "summary", "content", "published", "updated", "author", "categories", "enclosures"],
            first.EnumerateObject().Select(p => p.Name));
        Assert.Equal("ep-2", first.GetProperty("id").GetString());
        Assert.Equal("2025-06-09T16:00:00Z", first.GetProperty("published").GetString());
        Assert.Equal(JsonValueKind.Null, first.GetProperty("updated").ValueKind);
        Assert.Equal(["science", "oceans"], first.GetProperty("categories").EnumerateArray().Select(c => c.GetString()));
        var enclosure = first.GetProperty("enclosures")[0];
        Assert.Equal("https://cdn.example.com/ep2.mp3", enclosure.GetProperty("url").GetString());
        Assert.Equal("audio/mpeg", enclosure.GetProperty("type").GetString());
        Assert.Equal(12345678, enclosure.GetProperty("length").GetInt64());
        Assert.Equal(0, root.GetProperty("warnings").GetArrayLength());
    }

    [Fact]
    public async Task FeedParse_RepairedFile_ListsWarningsWithCodes()
    {
        var (exit, output, _) = await Run("feed", "parse", Fixture.Path("lenient-truncated.xml"));
        Assert.Equal(0, exit);
        using var json = JsonDocument.Parse(output);
        var codes = json.RootElement.GetProperty("warnings").EnumerateArray().Select(w => w.GetProperty("code").GetString()).ToList();
        Assert.Contains("feed.truncated", codes);
    }

    [Fact]
    public async Task FeedParse_HtmlPage_FailsWithFormatCode()
    {
        var (exit, _, error) = await Run("feed", "parse", Fixture.Path("page.html"));
        Assert.NotEqual(0, exit);
        Assert.Contains("error[feed.format_not_detected]", error);
    }

    [Fact]
    public async Task FeedParse_LoopbackUrlWithoutFlag_IsRefusedBeforeConnecting()
    {
        var (exit, _, error) = await Run("feed", "parse", "http://127.0.0.1:9/feed.xml");
        Assert.NotEqual(0, exit);
        Assert.Contains("error[net.address_blocked]", error);
    }
}
