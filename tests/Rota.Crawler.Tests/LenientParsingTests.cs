using Rota.Crawler.Parsing;

namespace Rota.Crawler.Tests;

public sealed class LenientParsingTests
{
    [Fact]
    public void Parse_UndeclaredHtmlEntities_ReplacesThemAndWarns()
    {
        var doc = Fixture.Parse("lenient-html-entities.xml");
        Assert.Equal("Café\u00a0— menu", doc.Feed.Title!.Value);
        Assert.Equal("Résumé © 2025", doc.Entries.Single().Title!.Value);
        Assert.Contains(doc.Warnings, w => w.Code == FeedWarningCodes.EntityRepaired);
    }

    [Fact]
    public void Parse_StrayAmpersandAndLessThan_KeepsThemAsText()
    {
        var doc = Fixture.Parse("lenient-stray-ampersand.xml");
        Assert.Equal("Fish & Chips", doc.Feed.Title!.Value);
        Assert.Equal("http://fish.example.com/?a=1&b=2", doc.Feed.Link);
        Assert.Equal("Salt & vinegar; 3 < 4", doc.Entries.Single().Title!.Value);
        Assert.Contains(doc.Warnings, w => w.Code == FeedWarningCodes.EntityRepaired);
    }

    [Fact]
    public void Parse_Latin1BytesDeclaredUtf8_FallsBackToWindows1252()
    {
        var doc = Fixture.Parse("lenient-wrong-encoding.xml");
        Assert.Equal("Café crème", doc.Feed.Title!.Value);
        Assert.Equal("naïve", doc.Entries.Single().Title!.Value);
        Assert.Equal("windows-1252", doc.Encoding);
        Assert.Contains(doc.Warnings, w => w.Code == FeedWarningCodes.EncodingOverride);
    }

    [Fact]
    public void Parse_UnknownDeclaredEncoding_ReadsAsUtf8WithWarning()
    {
        var doc = Fixture.Parse("lenient-bogus-encoding.xml");
        Assert.Equal("Still read", doc.Feed.Title!.Value);
        Assert.Contains(doc.Warnings, w => w.Code == FeedWarningCodes.EncodingOverride);
    }

    [Fact]
    public void Parse_Utf8Bom_IsHonouredWithoutWarning()
    {
        var doc = Fixture.Parse("lenient-bom-utf8.xml");
        Assert.Equal("BOM été", doc.Feed.Title!.Value);
        Assert.Empty(doc.Warnings);
    }

    [Fact]
    public void Parse_Utf16LittleEndianWithBom_DecodesIt()
    {
        var doc = Fixture.Parse("lenient-utf16le.xml");
        Assert.Equal("utf-16le", doc.Encoding);
        Assert.Equal("UTF-16 日本", doc.Feed.Title!.Value);
    }

    [Fact]
    public void Parse_ControlCharacters_AreRemovedWithWarning()
    {
        var doc = Fixture.Parse("lenient-control-chars.xml");
        Assert.Equal("Bell and tab", doc.Feed.Title!.Value);
        Assert.Equal("ok", doc.Entries.Single().Title!.Value);
        Assert.Contains(doc.Warnings, w => w.Code == FeedWarningCodes.IllegalCharacters);
    }

    [Fact]
    public void Parse_TruncatedDocument_KeepsWhatWasComplete()
    {
        var doc = Fixture.Parse("lenient-truncated.xml");
        Assert.Equal("Cut short", doc.Feed.Title!.Value);
        Assert.Equal("Complete item", doc.Entries[0].Title!.Value);
        Assert.Equal("http://cut.example.com/1", doc.Entries[0].Link);
        Assert.Equal("Partial item", doc.Entries[1].Title!.Value);
        Assert.Contains(doc.Warnings, w => w.Code == FeedWarningCodes.MalformedXml);
        Assert.Contains(doc.Warnings, w => w.Code == FeedWarningCodes.Truncated);
    }

    [Fact]
    public void Parse_MismatchedTags_BalancesThemAndReadsBothItems()
    {
        var doc = Fixture.Parse("lenient-mismatched-tags.xml");
        Assert.Equal("Mismatched", doc.Feed.Title!.Value);
        Assert.Equal(["One", "Two"], doc.Entries.Select(e => e.Title!.Value));
        Assert.Contains(doc.Warnings, w => w.Code == FeedWarningCodes.MalformedXml);
    }

    [Fact]
    public void Parse_UndeclaredNamespacePrefix_IsDeclaredAndRead()
    {
        var doc = Fixture.Parse("lenient-undeclared-prefix.xml");
        Assert.Equal("A", doc.Entries.Single().Title!.Value);
        Assert.Contains(doc.Warnings, w => w.Code == FeedWarningCodes.MalformedXml);
    }
}
