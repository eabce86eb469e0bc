using System.Text.Json.Nodes;
using Rota.Crawler.Quality;
using Rota.Storage;

namespace Rota.Crawler.Tests.Rules;

public sealed class QualityScorerTests
{
    private static readonly string Long = string.Join(' ', Enumerable.Repeat("Plain words of a proper article body.", 50));

    private static ItemWrite Good => new("k", "https://a.example/1", "A reasonable article title", "Ada", "A short summary",
        $"<p>{Long}</p><img src=\"https://a.example/i.png\">", new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

    private static int Signal(ItemWrite item, string signal, params string[] recent) =>
        QualityScorer.Score(item, recent.Select(TitleSimilarity.Words)).Signals.Single(s => s.Signal == signal).Points;

    [Fact]
    public void Score_AGoodItem_Is100_WithEverySignalListed()
    {
        var score = QualityScorer.Score(Good, []);
        Assert.Equal(100, score.Score);
        Assert.Equal(["text_length", "title", "author", "media", "date", "link_density", "distinct_body", "clickbait_title", "near_duplicate_title"],
            score.Signals.Select(s => s.Signal));
        Assert.Equal(35, score.SignalsJson()["text_length"]!.GetValue<int>());
    }

    [Fact]
    public void Score_AnEmptyItem_IsZero() =>
        Assert.Equal(0, QualityScorer.Score(new ItemWrite("k", null, null, null, null, null, null), []).Score);

    [Theory]
    [InlineData(0, 0)]
    [InlineData(99, 5)]
    [InlineData(100, 15)]
    [InlineData(499, 15)]
    [InlineData(500, 25)]
    [InlineData(1499, 25)]
    [InlineData(1500, 35)]
    public void TextLength_Bands(int chars, int points) => Assert.Equal(points, Signal(Good with { Content = new string('x', chars), Summary = null }, "text_length"));

    [Fact]
    public void TextLength_CountsVisibleTextOnly_AndFallsBackToTheSummary()
    {
        Assert.Equal(5, Signal(Good with { Content = "<p><b>" + new string('x', 50) + "</b></p><script>" + new string('y', 900) + "</script>" }, "text_length"));
        Assert.Equal(15, Signal(Good with { Content = null, Summary = new string('s', 200) }, "text_length"));
    }

    [Theory]
    [InlineData(null, 0)]
    [InlineData("Short", 5)]
    [InlineData("Ten chars!", 15)]
    [InlineData("A reasonable article title", 15)]
    public void Title_PresentAndReasonable(string? title, int points) => Assert.Equal(points, Signal(Good with { Title = title }, "title"));

    [Fact]
    public void Title_TooLong_Gets5() => Assert.Equal(5, Signal(Good with { Title = new string('t', 151) }, "title"));

    [Fact]
    public void Author_Date_Present()
    {
        Assert.Equal((10, 0), (Signal(Good, "author"), Signal(Good with { Author = " " }, "author")));
        Assert.Equal((5, 0), (Signal(Good, "date"), Signal(Good with { PublishedAt = null }, "date")));
    }

    [Fact]
    public void Media_FromEnclosureOrEmbeddedImageVideo()
    {
        var text = Good with { Content = "<p>text</p>" };
        Assert.Equal(0, Signal(text, "media"));
        Assert.Equal(10, Signal(text with { Enclosures = new JsonArray(new JsonObject { ["url"] = "https://a.example/a.mp3" }) }, "media"));
        Assert.Equal(10, Signal(text with { Content = "<p>text</p><video src=\"v.mp4\"></video>" }, "media"));
        Assert.Equal(10, Signal(text with { Summary = "<img src=\"x.png\">" }, "media"));
    }

    [Theory]
    [InlineData("<p>plain text with <a href=\"x\">one link</a> in a longer sentence of words</p>", 15)]
    [InlineData("<p>plain half text <a href=\"x\">link text</a></p>", 5)]
    [InlineData("<a href=\"1\">one</a> <a href=\"2\">two</a> <a href=\"3\">three</a>", 0)]
    public void LinkDensity_PenalisesLinkFarms(string html, int points) => Assert.Equal(points, Signal(Good with { Content = html }, "link_density"));

    [Fact]
    public void DistinctBody_BodyThatOnlyRepeatsTheTitleOrSummary_ScoresLess()
    {
        Assert.Equal(10, Signal(Good, "distinct_body"));
        Assert.Equal(5, Signal(Good with { Content = null }, "distinct_body"));
        Assert.Equal(5, Signal(Good with { Content = "<p>A short summary</p>" }, "distinct_body"));
        Assert.Equal(0, Signal(Good with { Content = "<p>a reasonable article TITLE</p>" }, "distinct_body"));
        Assert.Equal(0, Signal(Good with { Content = null, Summary = null }, "distinct_body"));
    }

    [Theory]
    [InlineData("YOU WON'T BELIEVE WHAT HAPPENED", -15)]
    [InlineData("Wow!! Amazing", -15)]
    [InlineData("Really?!", -15)]
    [InlineData("NASA and ESA launch a probe", 0)]
    [InlineData("OK GO", 0)]
    public void ClickbaitTitle_AllCapsOrShouting(string title, int points) => Assert.Equal(points, Signal(Good with { Title = title }, "clickbait_title"));

    [Fact]
    public void NearDuplicateTitle_AgainstRecentTitles()
    {
        var item = Good with { Title = "Rota 2.0 released with crawl rules" };
        Assert.Equal(-25, Signal(item, "near_duplicate_title", "rota 2.0 released, with crawl rules!"));
        Assert.Equal(-25, Signal(item, "near_duplicate_title", "Something else", "Rota 2.0 released with new crawl rules"));
        Assert.Equal(0, Signal(item, "near_duplicate_title", "Rota 2.1 released with quality scores"));
        Assert.Equal(0, Signal(item, "near_duplicate_title"));
        Assert.Equal(75, QualityScorer.Score(item, [TitleSimilarity.Words("Rota 2.0 released with crawl rules")]).Score);
    }

    [Fact]
    public void Score_IsDeterministic() =>
        Assert.Equal(QualityScorer.Score(Good, []).SignalsJson().ToJsonString(), QualityScorer.Score(Good, []).SignalsJson().ToJsonString());
}
